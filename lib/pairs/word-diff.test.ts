import { describe, expect, it } from "vitest";
import { sideBySideDiff } from "./word-diff";

const text = (segs: { text: string }[]) => segs.map((s) => s.text).join("");
const changed = (segs: { text: string; changed: boolean }[]) => segs.filter((s) => s.changed).map((s) => s.text.trim());

describe("side-by-side word diff", () => {
  it("marks removals on the left and additions on the right, each side keeping its full text", () => {
    const left = "The cat sat on the mat.";
    const right = "The dog sat on the red mat.";
    const d = sideBySideDiff(left, right)!;
    expect(text(d.left)).toBe(left);
    expect(text(d.right)).toBe(right);
    expect(changed(d.left)).toEqual(["cat"]);
    expect(changed(d.right)).toEqual(["dog", "red"]);
  });

  it("marks nothing when the answers are the same", () => {
    const d = sideBySideDiff("Same words here", "Same words here")!;
    expect(changed(d.left)).toEqual([]);
    expect(changed(d.right)).toEqual([]);
  });

  it("gives up on answers with nothing in common instead of computing a huge diff", () => {
    // Past the edit-length cap the diff stops early and says so with null (speed is not timed here).
    const words = (prefix: string) => Array.from({ length: 6_000 }, (_, i) => `${prefix}${i}`).join(" ");
    expect(sideBySideDiff(words("a"), words("b"))).toBeNull();
  });
});
