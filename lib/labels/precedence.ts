import type { EvaluationMode, JudgeStatus } from "@/lib/generated/prisma/enums";
import { judgeDecides, judgeDecidesSql } from "@/lib/projects/modes";

// A pair's label, decided in one place. The precedence:
//   1. an admin's adjudication;
//   2. the majority of the human votes (an even split between the leading choices is a tie),
//      counting only votes not excluded by the project's trust rule (Vote.excluded, lib/trust);
//   3. the judge's verdict, when its two orders agreed;
//   4. the implicit label (strong over weak), else the label the pair was imported with.
// Which of 3 and 4 count depends on who decides: the project's evaluation mode accepts the judge
// (LLM_JUDGE and HYBRID) or the implicit label (IMPLICIT); the export and the metrics take what it
// accepts. Annotation shows the human part (1 and 2) alone.
// The rule exists twice, side by side below: as JS for one pair (the review page) and as SQL for
// every pair of a project at once (export, metrics), the majority read from each pair's running
// tally of votes (lib/labels/tally.ts). lib/labels/precedence.test.ts checks that
// the consumers agree, pair by pair, on a project with every kind of label.

export type Label = "A" | "B" | "TIE" | "BOTH_BAD";
export const LABELS = ["A", "B", "TIE", "BOTH_BAD"] as const satisfies readonly Label[];

/** Where a decided label came from (the export's `label_source`). */
export type LabelSource = "human" | "judge" | "implicit";

/** The machine sources a consumer takes after the human ones. */
export interface Accepts {
  judge: boolean;
  implicit: boolean;
}

/** Accepts as SQL conditions, for a statement that reads the project's mode itself (acceptedBySql). */
export interface AcceptsSql {
  judge: string;
  implicit: string;
}

/** The sources a project's evaluation mode accepts (what its export keeps and its metrics count). */
export function acceptedBy(mode: EvaluationMode): Accepts {
  return { judge: judgeDecides(mode), implicit: mode === "IMPLICIT" };
}

/** acceptedBy as SQL conditions on `mode`, an SQL expression of the project's evaluation mode. */
export function acceptedBySql(mode: string): AcceptsSql {
  return { judge: judgeDecidesSql(mode), implicit: `${mode} = 'IMPLICIT'` };
}

// ---- JS: one pair ----

export interface Tally {
  /** The majority, or null without votes. */
  label: Label | null;
  /**
   * An even split between the leading choices (A and B once each, or three ways): the label is
   * TIE, but no annotator chose "tie". The metrics count splits apart from ties; the export leaves
   * them out as "split" (undecided: more votes or an adjudication decide them), not as "tie".
   */
  split: boolean;
  /** Share of votes agreeing with the most common choice (1 when unanimous); null without votes. */
  agreement: number | null;
  votes: number;
}

/**
 * The majority of the votes; an even split between the leading choices is a tie. Callers pass
 * the counted votes only (not `excluded` by the trust rule), as the pair tallies count them
 */
export function majority(votes: readonly Label[]): Tally {
  const counts = new Map<Label, number>();
  for (const v of votes) counts.set(v, (counts.get(v) ?? 0) + 1);
  const top = Math.max(0, ...counts.values());
  const leaders = [...counts].filter(([, n]) => n === top).map(([label]) => label);
  if (!votes.length) return { label: null, split: false, agreement: null, votes: 0 };
  const split = leaders.length > 1;
  return { label: split ? "TIE" : leaders[0]!, split, agreement: top / votes.length, votes: votes.length };
}

export interface PairLabelFacts {
  adjudication?: Label | null;
  votes: readonly Label[];
  judgeStatus?: JudgeStatus | null;
  judgeLabel?: Label | null;
  implicitLabel?: Label | null;
  sourceLabel?: Label | null;
}

/** The pair's label and its source, or nulls when no accepted source gives one. */
export function decideLabel(p: PairLabelFacts, accepts: Accepts): { label: Label | null; source: LabelSource | null } {
  const human = p.adjudication ?? majority(p.votes).label;
  if (human) return { label: human, source: "human" };
  const judge = p.judgeStatus === "AGREED" ? (p.judgeLabel ?? null) : null;
  if (accepts.judge && judge) return { label: judge, source: "judge" };
  const implicit = p.implicitLabel ?? p.sourceLabel ?? null;
  if (accepts.implicit && implicit) return { label: implicit, source: "implicit" };
  return { label: null, source: null };
}

// ---- SQL: every pair of a project ----
// Labels are "PairLabel" values throughout: comparing two is comparing two numbers, where a label
// cast to text looks its name up in the catalog, again at every place a statement uses it (0.3 s
// of the export of a million pairs). A consumer casts to text only what it outputs.

/** SQL expressions for a pair's vote counts per choice: Pair's running tally (lib/labels/tally.ts). */
export type VoteCounts = Record<Label, string>;

/** The tally columns of "Pair" (qualified by `alias`). */
export const tallyColumns = (alias: string): VoteCounts => ({
  A: `${alias}."votesA"`,
  B: `${alias}."votesB"`,
  TIE: `${alias}."votesTie"`,
  BOTH_BAD: `${alias}."votesBothBad"`,
});

export interface MajoritySql {
  n: string;
  label: string;
  split: string;
  agreement: string;
}

/** `l` has more votes than each other choice. */
const leadsSql = (c: VoteCounts, l: Label) =>
  LABELS.filter((o) => o !== l)
    .map((o) => `${c[l]} > ${c[o]}`)
    .join(" AND ");

/**
 * `majority()` as SQL over a pair's counts: `n` (votes), `label` (NULL without votes), `split`
 * (an even split between the leading choices, labelled TIE) and `agreement`. Plain expressions
 * of one row's columns, so they need no grouping. The label is a choice that beats each other
 * choice, else TIE when there are votes: a few integer comparisons, where comparing each count
 * with greatest() of all four took most of a metrics pass over a million pairs (the planner
 * repeats an expression wherever a query refers to it).
 */
export function majoritySql(c: VoteCounts): MajoritySql {
  const n = `(${LABELS.map((l) => c[l]).join(" + ")})`;
  const leads = (l: Label) => leadsSql(c, l);
  const leader = LABELS.map((l) => `WHEN ${leads(l)} THEN '${l}'`).join(" ");
  return {
    n,
    split: `CASE ${LABELS.map((l) => `WHEN ${leads(l)} THEN false`).join(" ")} ELSE ${n} > 0 END`,
    label: `(CASE ${leader} WHEN ${n} > 0 THEN 'TIE' END)::"PairLabel"`,
    agreement: `CASE WHEN ${n} > 0 THEN greatest(${LABELS.map((l) => c[l]).join(", ")})::float8 / ${n} END`,
  };
}

/**
 * The share of a pair's counted votes whose choice names `label` (an SQL "PairLabel"), NULL
 * without votes: an exported row's agreement, the votes for its chosen answer whatever decided
 * the label (an adjudication may overrule every vote, a judge or implicit label has none). A tie
 * or both-bad vote counts in the total but for neither answer. Not the majority's agreement: the
 * two differ when an adjudication goes against the majority.
 */
export function labelShareSql(c: VoteCounts, label: string): string {
  const n = `(${LABELS.map((l) => c[l]).join(" + ")})`;
  const votesFor = `CASE ${label} ${LABELS.map((l) => `WHEN '${l}' THEN ${c[l]}`).join(" ")} END`;
  return `CASE WHEN ${n} > 0 THEN (${votesFor})::float8 / ${n} END`;
}

/**
 * majoritySql for a row of "Pair" (as `alias`): the label is its stored "majority", which a
 * trigger keeps from the tally with the same rule (migration pair_majority_identical;
 * lib/labels/tally.test.ts checks the two agree), and a split is a TIE that TIE does not lead.
 * Read rather than computed: a statement over a million pairs evaluated the expression again at
 * each place it used the label.
 */
export function pairMajoritySql(alias: string): MajoritySql {
  const c = tallyColumns(alias);
  return {
    ...majoritySql(c),
    label: `${alias}."majority"`,
    split: `CASE WHEN ${alias}."majority" = 'TIE' THEN NOT (${leadsSql(c, "TIE")}) ELSE false END`,
  };
}

/** SQL expressions (of the query's own relations) for the facts `decideLabel` reads. */
export interface LabelColumns {
  /** The human label: the adjudication, else the vote majority (see humanSql). */
  human: string;
  judgeStatus: string;
  judgeLabel: string;
  implicitLabel: string;
  sourceLabel: string;
}

/**
 * The human part of the precedence: adjudication (a "VoteChoice", cast only when there is one),
 * else the majority.
 */
export const humanSql = (adjudication: string, majorityLabel: string) =>
  `coalesce(${adjudication}::text::"PairLabel", ${majorityLabel})`;

/** `decideLabel` as SQL: the label (a "PairLabel") and its source (text); NULL when undecided. */
export function labelSql(c: LabelColumns, accepts: Accepts | AcceptsSql): { label: string; source: string } {
  const judge = `CASE WHEN ${c.judgeStatus} = 'AGREED' THEN ${c.judgeLabel} END`;
  const implicit = `coalesce(${c.implicitLabel}, ${c.sourceLabel})`;
  const when = (accepted: string | true, e: string) => (accepted === true ? e : `CASE WHEN ${accepted} THEN ${e} END`);
  const steps: [string, LabelSource][] = [[c.human, "human"]];
  if (accepts.judge) steps.push([when(accepts.judge, judge), "judge"]);
  if (accepts.implicit) steps.push([when(accepts.implicit, implicit), "implicit"]);
  return {
    label: steps.length === 1 ? c.human : `coalesce(${steps.map(([e]) => e).join(", ")})`,
    source: `CASE ${steps.map(([e, s]) => `WHEN ${e} IS NOT NULL THEN '${s}'`).join(" ")} END`,
  };
}

/** How a label reads on the review pages (votes, outcome, adjudication). */
export const LABEL_NAMES: Record<Label, string> = { A: "A better", B: "B better", TIE: "Tie", BOTH_BAD: "Both bad" };
