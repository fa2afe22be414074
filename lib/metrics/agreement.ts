import { share, type Measure } from "./measure";

/** A square table of counts: rows are one rater (the reference), columns the other. */
export interface Confusion<L extends string = string> {
  labels: readonly L[];
  /** counts[i][j]: items the reference put in labels[i] and the other rater in labels[j]. */
  counts: number[][];
}

/** Counts (reference, other) label pairs; pairs with a label outside `labels` are refused. */
export function confusionMatrix<L extends string>(
  labels: readonly L[],
  pairs: Iterable<readonly [L, L, number?]>,
): Confusion<L> {
  const index = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => labels.map(() => 0));
  for (const [ref, other, weight = 1] of pairs) {
    const i = index.get(ref);
    const j = index.get(other);
    if (i === undefined || j === undefined)
      throw new RangeError(
        `confusionMatrix: label ${i === undefined ? ref : other} is not one of ${labels.join(", ")}`,
      );
    counts[i]![j]! += weight;
  }
  return { labels, counts };
}

function total(c: Confusion): number {
  return c.counts.reduce((sum, row) => sum + row.reduce((s, x) => s + x, 0), 0);
}

function diagonal(c: Confusion): number {
  return c.counts.reduce((sum, row, i) => sum + row[i]!, 0);
}

/** Share of items on the diagonal. */
export function accuracy(c: Confusion): Measure {
  return share(diagonal(c), total(c), "no item has both labels");
}

/**
 * Cohen's kappa: (po − pe) / (1 − pe), with pe from the two raters' marginal shares.
 * Undefined when pe = 1, i.e. both raters put every item in one and the same category: there
 * is no disagreement that chance could have produced, so agreement beyond chance means nothing.
 */
export function cohensKappa(c: Confusion): Measure & { po: number | null; pe: number | null } {
  const n = total(c);
  if (n === 0) return { value: null, n: 0, po: null, pe: null, reason: "no item has both labels" };
  const po = diagonal(c) / n;
  let pe = 0;
  c.counts.forEach((row, i) => {
    const rowSum = row.reduce((s, x) => s + x, 0);
    const colSum = c.counts.reduce((s, r) => s + r[i]!, 0);
    pe += (rowSum / n) * (colSum / n);
  });
  if (Math.abs(1 - pe) < 1e-12) {
    return { value: null, n, po, pe, reason: "undefined: both raters used a single category for every item" };
  }
  return { value: (po - pe) / (1 - pe), n, po, pe };
}
