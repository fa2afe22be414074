// The public surface of lib/labels: the one rule that says which label a pair has (adjudication,
// then the majority of votes, then the judge, then the implicit label), in JS and in SQL, and the
// running tally of votes the SQL reads, and the running vote shapes the metrics read.
export * from "./precedence";
export { recountProjectTallies, recountTallies } from "./tally";
export { foldVoteShapes, voteOthersSql } from "./vote-shapes";
