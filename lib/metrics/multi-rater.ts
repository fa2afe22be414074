import type { Measure } from "./measure";

/**
 * One rated item as the number of raters who chose each category (same category order for every
 * item). `weight` stands for that many identical items, so callers can pass counts grouped in SQL.
 */
export interface RatedItem {
  counts: readonly number[];
  weight?: number;
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/**
 * Fleiss' kappa (Fleiss 1971). It assumes every item has the same number of raters, so only
 * items with exactly `raters` ratings are used; the others are left out (and not counted in n).
 */
export function fleissKappa(items: readonly RatedItem[], raters: number): Measure {
  if (raters < 2) return { value: null, n: 0, reason: "needs at least 2 raters per item" };
  const used = items.filter((item) => sum(item.counts) === raters);
  const n = sum(used.map((item) => item.weight ?? 1));
  if (n === 0) return { value: null, n: 0, reason: `no item has exactly ${raters} ratings` };
  const categories = Math.max(...used.map((item) => item.counts.length));
  const perCategory = new Array<number>(categories).fill(0);
  let pBar = 0;
  for (const item of used) {
    const w = item.weight ?? 1;
    item.counts.forEach((c, j) => (perCategory[j]! += w * c));
    pBar += (w * (sum(item.counts.map((c) => c * c)) - raters)) / (raters * (raters - 1));
  }
  pBar /= n;
  const pe = sum(perCategory.map((c) => (c / (n * raters)) ** 2));
  if (Math.abs(1 - pe) < 1e-12) return { value: null, n, reason: "undefined: every rating is in one category" };
  return { value: (pBar - pe) / (1 - pe), n };
}

/**
 * Krippendorff's alpha for nominal data, from the coincidence matrix (Krippendorff 2011,
 * "Computing Krippendorff's Alpha-Reliability"). Unlike Fleiss' kappa it allows a different
 * number of raters per item, which is what a project has while pairs are still collecting votes;
 * items with fewer than 2 ratings cannot be paired and are left out.
 *   alpha = 1 − (N − 1) · (N − Σc o_cc) / (N² − Σc n_c²)
 * where o_cc = Σu n_uc(n_uc − 1)/(m_u − 1), n_c = Σu n_uc and N = Σc n_c over usable items.
 */
export function krippendorffAlpha(items: readonly RatedItem[]): Measure & { values: number } {
  let n = 0;
  let values = 0;
  let observedAgree = 0;
  const perCategory: number[] = [];
  for (const item of items) {
    const m = sum(item.counts);
    if (m < 2) continue;
    const w = item.weight ?? 1;
    n += w;
    values += w * m;
    item.counts.forEach((c, j) => {
      perCategory[j] = (perCategory[j] ?? 0) + w * c;
      observedAgree += (w * c * (c - 1)) / (m - 1);
    });
  }
  if (n === 0) return { value: null, n: 0, values: 0, reason: "no item has 2 or more ratings" };
  const expectedDisagree = values * values - sum(perCategory.map((c) => (c ?? 0) ** 2));
  if (expectedDisagree === 0) return { value: null, n, values, reason: "undefined: every rating is in one category" };
  return { value: 1 - ((values - 1) * (values - observedAgree)) / expectedDisagree, n, values };
}
