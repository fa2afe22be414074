/**
 * A figure and what it rests on. `value` is null when it cannot be computed (nothing to count,
 * or a statistic undefined for the data); `reason` then says why, for the page to show.
 */
export interface Measure {
  value: number | null;
  /** How many pairs (or items, or judgments) the figure rests on. */
  n: number;
  reason?: string;
}

/** `hits` out of `n` as a share; null when there is nothing to count. */
export function share(hits: number, n: number, emptyReason = "nothing to count yet"): Measure {
  if (!Number.isFinite(n) || n <= 0) return { value: null, n: 0, reason: emptyReason };
  if (hits < 0 || hits > n) throw new RangeError(`share: ${hits} hits out of ${n}`);
  return { value: hits / n, n };
}

/** The middle value (mean of the two middle ones for an even count); null for no values. */
export function median(values: readonly number[]): Measure {
  if (values.length === 0) return { value: null, n: 0, reason: "no values" };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { value, n: values.length };
}
