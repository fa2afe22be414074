import { describe, expect, it } from "vitest";
import { stripNulDeep } from "./nul";

describe("stripNulDeep", () => {
  it("removes NUL from strings and keys at every depth, counting each", () => {
    let removed = 0;
    const record = { "ke\0y": ["a\0b", { c: "\0d\0" }], plain: 1 };
    expect(stripNulDeep(record, (n) => (removed += n))).toEqual({ key: ["ab", { c: "d" }], plain: 1 });
    expect(removed).toBe(4);
  });

  it("walks a record nested 100,000 deep without overflowing the stack", () => {
    let deep: unknown = "x\0";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    let removed = 0;
    expect(() => stripNulDeep({ name: deep }, (n) => (removed += n))).not.toThrow();
    expect(removed).toBe(1);
  });
});
