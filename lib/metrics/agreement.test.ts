import { describe, expect, it } from "vitest";
import { accuracy, cohensKappa, confusionMatrix } from "./agreement";

const yesNo = (yy: number, yn: number, ny: number, nn: number) => ({
  labels: ["yes", "no"],
  counts: [
    [yy, yn],
    [ny, nn],
  ],
});

describe("Cohen's kappa", () => {
  it("reproduces the 50-item yes/no example (Wikipedia): po 0.7, pe 0.5, kappa 0.4", () => {
    const k = cohensKappa(yesNo(20, 5, 10, 15));
    expect(k.n).toBe(50);
    expect(k.po).toBeCloseTo(0.7, 12);
    expect(k.pe).toBeCloseTo(0.5, 12);
    expect(k.value).toBeCloseTo(0.4, 12);
  });

  it("reproduces the kappa paradox tables (Wikipedia): same po 0.60, kappa 0.1304 and 0.2593", () => {
    // 45/15/25/15: pe = 0.6·0.7 + 0.4·0.3 = 0.54, kappa = 0.06/0.46.
    const first = cohensKappa(yesNo(45, 15, 25, 15));
    expect(first.pe).toBeCloseTo(0.54, 12);
    expect(first.value).toBeCloseTo(0.1304, 4);
    // 25/35/5/35: pe = 0.6·0.3 + 0.4·0.7 = 0.46, kappa = 0.14/0.54.
    const second = cohensKappa(yesNo(25, 35, 5, 35));
    expect(second.pe).toBeCloseTo(0.46, 12);
    expect(second.value).toBeCloseTo(0.2593, 4);
  });

  it("hand-computed 3×3 (A, B, TIE): po 0.8, pe 0.35, kappa 0.45/0.65", () => {
    // 20 items; row sums 10, 6, 4; column sums 8, 6, 6.
    const c = {
      labels: ["A", "B", "TIE"],
      counts: [
        [7, 1, 2],
        [1, 5, 0],
        [0, 0, 4],
      ],
    };
    const k = cohensKappa(c);
    // po = 16/20 = 0.8; pe = (10·8 + 6·6 + 4·6)/400 = 140/400 = 0.35; kappa = 0.45/0.65.
    expect(k.po).toBeCloseTo(0.8, 12);
    expect(k.pe).toBeCloseTo(0.35, 12);
    expect(k.value).toBeCloseTo(0.45 / 0.65, 12);
  });

  it("is 1 for perfect agreement over two categories, negative below chance", () => {
    expect(cohensKappa(yesNo(3, 0, 0, 7)).value).toBeCloseTo(1, 12);
    expect(cohensKappa(yesNo(0, 5, 5, 0)).value).toBeCloseTo(-1, 12);
  });

  it("is undefined (null, with a reason) when both raters put everything in one category", () => {
    const k = cohensKappa(yesNo(12, 0, 0, 0));
    expect(k).toMatchObject({ value: null, n: 12, po: 1, pe: 1 });
    expect(k.reason).toMatch(/single category/);
    expect(cohensKappa(yesNo(0, 0, 0, 0))).toMatchObject({ value: null, n: 0 });
  });
});

describe("confusion matrix and accuracy", () => {
  it("counts (reference, other) pairs with weights, and accuracy is the diagonal share", () => {
    const c = confusionMatrix(["A", "B", "TIE"] as const, [
      ["A", "A"],
      ["A", "B", 2],
      ["TIE", "TIE"],
      ["B", "A"],
    ]);
    expect(c.counts).toEqual([
      [1, 2, 0],
      [1, 0, 0],
      [0, 0, 1],
    ]);
    expect(accuracy(c)).toEqual({ value: 2 / 5, n: 5 });
    expect(accuracy(confusionMatrix(["A"], []))).toMatchObject({ value: null, n: 0 });
  });

  it("names a label that is not one of the categories", () => {
    expect(() => confusionMatrix(["A", "B"], [["A", "C" as "A"]])).toThrow(/label C is not one of A, B/);
  });
});
