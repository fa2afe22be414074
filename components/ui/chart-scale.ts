// Axes for the bar charts. Recharts picks whole-number ticks when decimals are off and a fixed
// count of them, which put the dashboard's cents on a $0–$4 axis where no bar could be seen.

export interface ValueScale {
  /** The axis runs from 0 to this: a whole number of steps, at or above the data's maximum. */
  max: number;
  step: number;
  ticks: number[];
}

// Steps of 1, 2, 2.5 or 5 times a power of ten read at a glance (0.02, 0.025, 0.05, 1, 250).
const STEPS = [1, 2, 2.5, 5, 10];

/** A value axis from 0 to a round amount just above `max`, in at most `count` steps. */
export function niceScale(max: number, count = 4): ValueScale {
  const top = max > 0 && Number.isFinite(max) ? max : 1;
  const power = 10 ** Math.floor(Math.log10(top / count));
  const step = STEPS.map((m) => m * power).find((s) => s * count >= top * (1 - 1e-12))!;
  const steps = Math.ceil(top / step - 1e-9);
  // toPrecision drops the float noise of i * step (3 * 0.1 is 0.30000000000000004).
  const ticks = Array.from({ length: steps + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { max: ticks.at(-1)!, step, ticks };
}

/** The decimals a step's ticks need to be told apart: 0.025 needs 3, 250 none. */
export function stepDecimals(step: number): number {
  let d = 0;
  while (d < 12 && Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) > 1e-9 * 10 ** d) d++;
  return d;
}

/**
 * Which of `count` category labels to draw so that at most `max` are: every nth, counted back
 * from the last so that the latest (today, on a chart of days) is always labelled. The bars and
 * their tooltips are all kept; only the labels that would overlap go.
 */
export function labelledIndex(count: number, max: number): (index: number) => boolean {
  const every = Math.max(1, Math.ceil(count / Math.max(1, max)));
  return (index) => (count - 1 - index) % every === 0;
}
