import type { Measure } from "./measure";

/**
 * Votes grouped by annotator, the annotator's own choice, and how the OTHER annotators of the
 * same pair voted (counts per category, own vote excluded), with how many votes share that shape.
 * Grouping in SQL keeps this small: a handful of rows per annotator whatever the project's size.
 */
export interface LeaveOneOutGroup<C extends string = string> {
  userId: string;
  choice: C;
  others: Readonly<Record<C, number>>;
  votes: number;
}

/** The others' majority: the single most chosen category, or null when none or a tie at the top. */
export function othersMajority<C extends string>(others: Readonly<Record<C, number>>): C | null {
  let best: C | null = null;
  let top = 0;
  let tied = false;
  for (const [category, count] of Object.entries(others) as [C, number][]) {
    if (count > top) [best, top, tied] = [category, count, false];
    else if (count === top && count > 0) tied = true;
  }
  return tied ? null : best;
}

/**
 * Each annotator's agreement with the majority of the other annotators on the same pairs
 * (leave-one-out, so an annotator never agrees with themselves). Pairs where no one else voted,
 * or where the others tie at the top, have no majority to compare with and are not counted.
 */
export function agreementWithOthers<C extends string>(groups: readonly LeaveOneOutGroup<C>[]): Map<string, Measure> {
  const tally = new Map<string, { n: number; agree: number }>();
  for (const g of groups) {
    const majority = othersMajority(g.others);
    const t = tally.get(g.userId) ?? { n: 0, agree: 0 };
    if (majority !== null) {
      t.n += g.votes;
      if (majority === g.choice) t.agree += g.votes;
    }
    tally.set(g.userId, t);
  }
  return new Map(
    [...tally].map(([userId, t]) => [
      userId,
      t.n
        ? { value: t.agree / t.n, n: t.n }
        : { value: null, n: 0, reason: "no pair with a clear majority among the other annotators" },
    ]),
  );
}
