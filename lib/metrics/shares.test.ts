import { describe, expect, it } from "vitest";
import { agreementWithOthers, othersMajority } from "./annotator-agreement";
import { firstShownWon, positionBias } from "./judge";
import { lengthBias, log2Bin, log2Histogram } from "./length-bias";
import { median, share } from "./measure";

describe("share and median", () => {
  it("say on how many items they rest, and are null for none", () => {
    expect(share(3, 4)).toEqual({ value: 0.75, n: 4 });
    expect(share(0, 0)).toMatchObject({ value: null, n: 0 });
    expect(() => share(5, 4)).toThrow(/5 hits out of 4/);
    expect(median([3, 1, 2])).toEqual({ value: 2, n: 3 });
    expect(median([4, 1, 3, 2])).toEqual({ value: 2.5, n: 4 });
    expect(median([])).toMatchObject({ value: null, n: 0 });
  });
});

describe("leave-one-out agreement", () => {
  const zero = { A: 0, B: 0, TIE: 0, BOTH_BAD: 0 };
  it("takes the others' single leader, none on a tie at the top", () => {
    expect(othersMajority({ ...zero, A: 2, B: 1 })).toBe("A");
    expect(othersMajority({ ...zero, A: 1, B: 1 })).toBeNull();
    expect(othersMajority(zero)).toBeNull();
  });

  it("counts only votes whose other voters have a majority, weighted by how many share the shape", () => {
    const m = agreementWithOthers([
      { userId: "u", choice: "A", others: { ...zero, A: 2 }, votes: 3 }, // agrees 3 times
      { userId: "u", choice: "A", others: { ...zero, B: 1 }, votes: 1 }, // disagrees once
      { userId: "u", choice: "B", others: { ...zero, A: 1, TIE: 1 }, votes: 5 }, // others tie: not counted
      { userId: "v", choice: "TIE", others: { ...zero, A: 1, B: 1 }, votes: 2 },
    ]);
    expect(m.get("u")).toEqual({ value: 3 / 4, n: 4 });
    expect(m.get("v")).toMatchObject({ value: null, n: 0 });
  });
});

describe("position bias", () => {
  it("knows which answer was shown first", () => {
    expect(firstShownWon("A", false)).toBe(true);
    expect(firstShownWon("A", true)).toBe(false);
    expect(firstShownWon("B", true)).toBe(true);
  });

  it("gives the shares of flipped verdicts and first-shown wins", () => {
    expect(positionBias({ bothOrders: 8, inconsistent: 2, decisive: 10, firstWins: 7 })).toEqual({
      inconsistent: { value: 0.25, n: 8 },
      firstPositionWins: { value: 0.7, n: 10 },
    });
    expect(positionBias({ bothOrders: 0, inconsistent: 0, decisive: 0, firstWins: 0 }).inconsistent.value).toBeNull();
  });
});

describe("length bias", () => {
  it("bins log2 ratios half a doubling wide, the ends open", () => {
    expect(log2Bin(1)).toBe(0);
    expect(log2Bin(1.5)).toBe(1); // log2 0.58
    expect(log2Bin(0.9)).toBe(-1);
    expect(log2Bin(1 / 1000)).toBe(-6);
    expect(log2Bin(1000)).toBe(5);
    const h = log2Histogram(
      new Map([
        [0, 4],
        [-6, 1],
      ]),
    );
    expect(h).toHaveLength(12);
    expect(h[0]).toEqual({ from: null, to: -2.5, label: "< -2.5", count: 1 });
    expect(h[6]).toEqual({ from: 0, to: 0.5, label: "0 to 0.5", count: 4 });
    expect(h[11]).toMatchObject({ from: 2.5, to: null, label: "≥ 2.5", count: 0 });
  });

  it("reports the longer-chosen share over decided pairs and the median over pairs with a ratio", () => {
    const b = lengthBias({ decided: 10, longerChosen: 6, withRatio: 9, medianRatio: 1.25, bins: new Map() });
    expect(b.longerChosen).toEqual({ value: 0.6, n: 10 });
    expect(b.medianRatio).toEqual({ value: 1.25, n: 9 });
    expect(
      lengthBias({ decided: 0, longerChosen: 0, withRatio: 0, medianRatio: null, bins: new Map() }).medianRatio.value,
    ).toBeNull();
  });
});
