import { CONTAMINATION_NGRAM } from "./settings";

// Why an item left the funnel, as the run's funnel lists its dropped examples: each a clause with
// its subject and verb ("the extract is shorter than 100 characters"), worded here once.

export const dropReason = {
  notVerbatim: "the extract is not word for word in the chunk",
  acrossHeading: "the extract runs across a section heading, or is only one",
  partOfCodeLine: "the extract starts or ends in the middle of a line of code or of a table row",
  sourceMention: (phrase: string) => `the instruction mentions "${phrase}"`,
  /** `failure` is the predicate chosenFilterFailure gives ("is shorter than 100 characters"). */
  chosenFilter: (chosen: "extract" | "answer", failure: string) => `the ${chosen} ${failure}`,
  existingPrompt: "the instruction is already a prompt of this project",
  nearDuplicate: "the instruction is nearly the same as one kept before it",
  contaminated: `the instruction shares a ${CONTAMINATION_NGRAM}-word run with the evaluation set`,
  emptyRejected: "the rejected answer came back empty",
} as const;
