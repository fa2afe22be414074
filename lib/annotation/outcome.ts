export type Label = "A" | "B" | "TIE" | "BOTH_BAD";

export interface Outcome {
  label: Label | null;
  source: "adjudication" | "votes" | null;
  /** Share of votes agreeing with the most common choice (1 when unanimous); null without votes. */
  agreement: number | null;
  votes: number;
}

/**
 * A pair's label: an admin's adjudication when there is one; otherwise the majority of the votes,
 * where an even split between the leading choices counts as a tie.
 */
export function pairOutcome(votes: Label[], adjudication?: Label | null): Outcome {
  const counts = new Map<Label, number>();
  for (const v of votes) counts.set(v, (counts.get(v) ?? 0) + 1);
  const top = Math.max(0, ...counts.values());
  const leaders = [...counts].filter(([, n]) => n === top).map(([label]) => label);
  const agreement = votes.length ? top / votes.length : null;
  if (adjudication) return { label: adjudication, source: "adjudication", agreement, votes: votes.length };
  if (!votes.length) return { label: null, source: null, agreement, votes: 0 };
  return { label: leaders.length === 1 ? leaders[0]! : "TIE", source: "votes", agreement, votes: votes.length };
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
