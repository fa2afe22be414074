import { describe, expect, it } from "vitest";
import { fleissKappa, krippendorffAlpha } from "./multi-rater";

// Fleiss (1971), as reproduced on Wikipedia's "Fleiss' kappa" page: 10 subjects, 14 raters,
// 5 categories. P̄ = 0.378, P̄e = 0.213, kappa = 0.210.
const fleiss1971 = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
].map((counts) => ({ counts }));

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
// 12 units, values 1..5, missing data (null). Published alpha (nominal) = 0.743.
const observers = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];
const krippendorff2011 = observers[0]!.map((_, unit) => {
  const counts = [0, 0, 0, 0, 0];
  for (const o of observers) if (o[unit] != null) counts[o[unit]! - 1]! += 1;
  return { counts };
});

describe("Fleiss' kappa", () => {
  it("reproduces Fleiss (1971): kappa ≈ 0.210 on 10 items", () => {
    const k = fleissKappa(fleiss1971, 14);
    expect(k.n).toBe(10);
    expect(k.value).toBeCloseTo(0.2099, 4);
  });

  it("uses only items with the given number of raters, and weights count as repeated items", () => {
    const withStray = [...fleiss1971, { counts: [1, 1, 0, 0, 0] }];
    expect(fleissKappa(withStray, 14)).toEqual(fleissKappa(fleiss1971, 14));
    // Two raters, items A/A ×3 and A/B ×1: P̄ = 3/4, pe = (7/8)² + (1/8)² = 50/64, kappa = -1/7.
    const k = fleissKappa([{ counts: [2, 0], weight: 3 }, { counts: [1, 1] }], 2);
    expect(k.n).toBe(4);
    expect(k.value).toBeCloseTo(-1 / 7, 10);
  });

  it("is undefined (null, with a reason) when every rating is in one category", () => {
    const k = fleissKappa([{ counts: [3, 0] }, { counts: [3, 0] }], 3);
    expect(k).toMatchObject({ value: null, n: 2 });
    expect(k.reason).toMatch(/one category/);
    expect(fleissKappa([], 3)).toMatchObject({ value: null, n: 0 });
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  it("reproduces Krippendorff (2011): alpha = 0.743, on 11 pairable units and 40 values", () => {
    const a = krippendorffAlpha(krippendorff2011);
    expect(a.n).toBe(11);
    expect(a.values).toBe(40);
    expect(a.value).toBeCloseTo(0.743, 3);
  });

  it("is 1 for perfect agreement across two categories, and null when all agree on one", () => {
    expect(krippendorffAlpha([{ counts: [3, 0] }, { counts: [0, 2] }]).value).toBe(1);
    expect(krippendorffAlpha([{ counts: [3, 0] }, { counts: [2, 0] }])).toMatchObject({ value: null, n: 2 });
    expect(krippendorffAlpha([{ counts: [1, 0] }])).toMatchObject({ value: null, n: 0 });
  });

  it("hand-computed: two raters, A/A, A/B, B/B gives 1 − 5·2/18 = 4/9", () => {
    // N = 6 values, Σ o_cc = 2 + 0 + 2 = 4, n_A = n_B = 3: alpha = 1 − 5·(6 − 4)/(36 − 18).
    expect(krippendorffAlpha([{ counts: [2, 0] }, { counts: [1, 1] }, { counts: [0, 2] }]).value).toBeCloseTo(
      4 / 9,
      12,
    );
  });
});
