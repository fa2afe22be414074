import { majority, type Label } from "@/lib/labels/precedence";

export type { Label };

export interface Outcome {
  label: Label | null;
  source: "adjudication" | "votes" | null;
  /** Share of votes agreeing with the most common choice (1 when unanimous); null without votes. */
  agreement: number | null;
  votes: number;
}

/**
 * A pair's human label: an admin's adjudication when there is one; otherwise the majority of the
 * votes (the first two steps of lib/labels/precedence.ts, which the export and metrics share).
 */
export function pairOutcome(votes: Label[], adjudication?: Label | null): Outcome {
  const { label, agreement } = majority(votes);
  if (adjudication) return { label: adjudication, source: "adjudication", agreement, votes: votes.length };
  return { label, source: label ? "votes" : null, agreement, votes: votes.length };
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
