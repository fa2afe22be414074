import { share, type Measure } from "./measure";

// The histogram of log2(chosen length / rejected length): bins half a doubling wide, from −3
// (chosen an eighth as long) to +3 (eight times as long), the outermost bins open-ended so no pair
// falls off the chart. SQL computes the same bin index (see project-metrics queries).
export const LOG2_BIN_WIDTH = 0.5;
export const LOG2_MIN_BIN = -6;
export const LOG2_MAX_BIN = 5;

/** The bin index of a length ratio (chosen/rejected, both lengths above 0). */
export function log2Bin(ratio: number): number {
  return Math.min(LOG2_MAX_BIN, Math.max(LOG2_MIN_BIN, Math.floor(Math.log2(ratio) / LOG2_BIN_WIDTH)));
}

export interface HistogramBin {
  /** log2 bounds; null for the open ends. */
  from: number | null;
  to: number | null;
  label: string;
  count: number;
}

/** Every bin from the lowest to the highest, with the counts given per bin index (missing ones 0). */
export function log2Histogram(counts: ReadonlyMap<number, number>): HistogramBin[] {
  const bins: HistogramBin[] = [];
  for (let i = LOG2_MIN_BIN; i <= LOG2_MAX_BIN; i++) {
    const from = i === LOG2_MIN_BIN ? null : i * LOG2_BIN_WIDTH;
    const to = i === LOG2_MAX_BIN ? null : (i + 1) * LOG2_BIN_WIDTH;
    const label = from === null ? `< ${to}` : to === null ? `≥ ${from}` : `${from} to ${to}`;
    bins.push({ from, to, label, count: counts.get(i) ?? 0 });
  }
  return bins;
}

export interface LengthCounts {
  /** Decided pairs (chosen and rejected known). */
  decided: number;
  /** Of those, pairs whose chosen answer has more characters than the rejected one. */
  longerChosen: number;
  /** Pairs with both answers non-empty, on which the ratio figures rest. */
  withRatio: number;
  medianRatio: number | null;
  bins: ReadonlyMap<number, number>;
}

export interface LengthBias {
  longerChosen: Measure;
  medianRatio: Measure;
  histogram: HistogramBin[];
}

/** Whether longer answers win: a share well above 0.5, or a median ratio above 1, says they do. */
export function lengthBias(c: LengthCounts): LengthBias {
  return {
    longerChosen: share(c.longerChosen, c.decided, "no decided pair yet"),
    medianRatio:
      c.withRatio > 0 && c.medianRatio !== null
        ? { value: c.medianRatio, n: c.withRatio }
        : { value: null, n: 0, reason: "no decided pair with two non-empty answers" },
    histogram: log2Histogram(c.bins),
  };
}
