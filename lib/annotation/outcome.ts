import { LABEL_NAMES, majority, type Label } from "@/lib/labels/precedence";

export type { Label };

export interface Outcome {
  label: Label | null;
  source: "adjudication" | "votes" | null;
  /**
   * The votes split evenly between the leading choices (1–1, or three ways) and no admin decided:
   * TIE as a label, but undecided, which the export leaves out as "split" and the metrics count
   * apart from the ties annotators chose.
   */
  split: boolean;
  /** Share of votes agreeing with the most common choice (1 when unanimous); null without votes. */
  agreement: number | null;
  votes: number;
}

/**
 * A pair's human label: an admin's adjudication when there is one; otherwise the majority of the
 * votes (the first two steps of lib/labels/precedence.ts, which the export and metrics share).
 */
export function pairOutcome(votes: Label[], adjudication?: Label | null): Outcome {
  const { label, split, agreement } = majority(votes);
  if (adjudication)
    return { label: adjudication, source: "adjudication", split: false, agreement, votes: votes.length };
  return { label, source: label ? "votes" : null, split, agreement, votes: votes.length };
}

/** How the review pages name an outcome: a split is not a tie that annotators chose. */
export function outcomeText({ label, split }: Pick<Outcome, "label" | "split">): string {
  if (!label) return "no label yet";
  return split ? "Split (no majority)" : LABEL_NAMES[label];
}

/** Annotators disagree when not every vote made the same choice. */
export function disagrees(votes: Label[]): boolean {
  return new Set(votes).size > 1;
}

/**
 * "3 votes · 67% agree"; agreement is left out below two votes, where it is 100% by definition
 * and says nothing.
 */
export function voteSummary({ votes, agreement }: Pick<Outcome, "votes" | "agreement">): string {
  const count = `${votes} vote${votes === 1 ? "" : "s"}`;
  return votes >= 2 && agreement !== null ? `${count} · ${Math.round(agreement * 100)}% agree` : count;
}
