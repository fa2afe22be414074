import { describe, expect, it } from "vitest";
import { labelledIndex, niceScale, stepDecimals } from "./chart-scale";

describe("a bar chart's value axis", () => {
  it("ends at a round amount just above the largest value, however small", () => {
    expect(niceScale(0.0743)).toEqual({ max: 0.08, step: 0.02, ticks: [0, 0.02, 0.04, 0.06, 0.08] });
    expect(niceScale(0.0043).ticks).toEqual([0, 0.002, 0.004, 0.006]);
    expect(niceScale(0.02).ticks).toEqual([0, 0.005, 0.01, 0.015, 0.02]);
    expect(niceScale(3.2).ticks).toEqual([0, 1, 2, 3, 4]);
    expect(niceScale(870).ticks).toEqual([0, 250, 500, 750, 1000]);
  });

  it("keeps every value on the axis, with few ticks and no wasted half", () => {
    for (const max of [1e-6, 0.0007, 0.013, 0.3, 0.99, 1, 7.5, 42, 1234.5]) {
      const s = niceScale(max);
      expect(s.max, String(max)).toBeGreaterThanOrEqual(max);
      expect(s.max, String(max)).toBeLessThan(max * 2.5);
      expect(s.ticks.length, String(max)).toBeLessThanOrEqual(5);
      expect(s.ticks[0]).toBe(0);
    }
  });

  it("has an axis to draw when there is nothing to show", () => {
    expect(niceScale(0).max).toBe(1);
  });

  it("tells how many decimals tell the ticks apart", () => {
    expect([0.02, 0.025, 0.005, 0.5, 1, 250].map(stepDecimals)).toEqual([2, 3, 3, 1, 0, 0]);
  });
});

describe("a bar chart's category labels", () => {
  const drawn = (count: number, max: number) =>
    Array.from({ length: count }, (_, i) => i).filter(labelledIndex(count, max));

  it("labels a few evenly spaced days of 30, the latest among them", () => {
    expect(drawn(30, 6)).toEqual([4, 9, 14, 19, 24, 29]);
    expect(drawn(30, 8)).toEqual([1, 5, 9, 13, 17, 21, 25, 29]);
  });

  it("labels every bar when they fit", () => {
    expect(drawn(5, 6)).toEqual([0, 1, 2, 3, 4]);
  });
});
