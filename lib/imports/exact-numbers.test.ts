import { describe, expect, it } from "vitest";
import { inexactNumber } from "./exact-numbers";

const check = (source: string) => inexactNumber(JSON.parse(source), source);

describe("numbers kept as written", () => {
  it("accepts numbers whose text JavaScript gives back, wherever they stand", () => {
    for (const source of [
      '{"a": 42}',
      '{"a":-3.5,"b":[1,2,\t3]}',
      '{"a": 1e+21}',
      '{"a": {"b": [0]\n}}',
      '{"a":7}',
      '{"s": "42.0", "a": 42}',
    ])
      expect(check(source), source).toBeNull();
  });

  it("names the first number that would change, even when its text appears inside another token", () => {
    expect(check('{"a": 42.0}')).toEqual({ path: "a", read: "42" });
    expect(check('{"a": "42", "b": 42.50}')).toEqual({ path: "b", read: "42.5" });
    expect(check('{"n": [1, 12345678901234567890]}')).toEqual({ path: "n[1]", read: "12345678901234567000" });
    expect(check('{"x": {"y": 1e400}}')).toEqual({ path: "x.y", read: "Infinity" });
  });
});
