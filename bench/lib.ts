export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The same work done by the reference in the same run (or the ideal time). */
  baseline: number;
  ratio: number;
  /** What the ratio must stay within ("<= 1.15"); for figures without a baseline, the value ("== 0"). */
  target: string;
}

export function result(name: string, value: number, unit: string, baseline: number, target: string): BenchResult {
  return {
    name,
    value: round(value),
    unit,
    baseline: round(baseline),
    ratio: baseline ? round(value / baseline) : 0,
    target,
  };
}

/** The middle value; for an even count, the mean of the two middle ones. */
export function median(xs: readonly number[]): number {
  if (!xs.length) throw new Error("the median of no values");
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export function meets(r: BenchResult): boolean {
  const m = r.target.match(/^(<=|>=|==|<|>)\s*([\d.]+)$/);
  if (!m) return false;
  const subject = r.baseline ? r.ratio : r.value;
  const limit = Number(m[2]);
  return {
    "<=": subject <= limit,
    ">=": subject >= limit,
    "==": subject === limit,
    "<": subject < limit,
    ">": subject > limit,
  }[m[1] as "<="];
}
