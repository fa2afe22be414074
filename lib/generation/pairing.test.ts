import { describe, expect, it } from "vitest";
import { choosePairs } from "./pairing";

describe("choosePairs (MULTI_SAMPLE)", () => {
  it("pairs only unused candidates while samples are still arriving", () => {
    expect(choosePairs(["a", "b"], [], 3, false)).toEqual([["a", "b"]]);
    expect(choosePairs(["a", "b", "c"], [["a", "b"]], 3, false)).toEqual([]);
    expect(choosePairs(["a", "b", "c", "d"], [["a", "b"]], 3, false)).toEqual([["c", "d"]]);
  });

  it("fills up to m with the least-used pairs once every sample exists", () => {
    expect(
      choosePairs(
        ["a", "b", "c", "d"],
        [
          ["a", "b"],
          ["c", "d"],
        ],
        4,
        true,
      ),
    ).toEqual([
      ["a", "c"],
      ["b", "d"],
    ]);
  });

  it("never exceeds m nor repeats a pair, and stops when pairs run out", () => {
    expect(choosePairs(["a", "b", "c"], [], 10, true)).toEqual([
      ["a", "b"],
      ["a", "c"],
      ["b", "c"],
    ]);
    expect(choosePairs(["a", "b", "c"], [["a", "b"]], 1, true)).toEqual([]);
  });
});
