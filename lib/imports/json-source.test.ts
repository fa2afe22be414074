import { describe, expect, it } from "vitest";
import { jsonSourceProblem } from "./json-source";

/** The problem with a source JSON.parse accepts, as the readers see it. */
const check = (source: string) => {
  JSON.parse(source);
  return jsonSourceProblem(source);
};
const inexact = (path: string, read: string) =>
  `"${path}" holds a number that would not be kept as written (it reads as ${read}): put it in quotes to keep it exactly`;
const twice = (path: string) => `"${path}" appears twice in the record: keep one`;

describe("jsonSourceProblem: numbers", () => {
  it("accepts numbers whose text JavaScript gives back, wherever they stand", () => {
    for (const source of [
      '{"a": 42, "b": 3.5, "c": -7, "d": 0, "e": 1e+21}',
      '{"a":-3.5,"b":[1,2,\t3]}',
      '{"a": {"b": [0]\n}}',
      '{"a":7,"t":true,"f":false,"n":null}',
      '{"s": "42.0", "a": 42}',
      "[1, 2, [3.25]]",
    ])
      expect(check(source), source).toBeNull();
  });

  it("refuses every form JavaScript would write differently, naming where it stands", () => {
    expect(check('{"a": 12345678901234567890}')).toBe(inexact("a", "12345678901234567000"));
    expect(check('{"a": 0.1000}')).toBe(inexact("a", "0.1"));
    expect(check('{"a": 1.50}')).toBe(inexact("a", "1.5"));
    expect(check('{"a": 1E2}')).toBe(inexact("a", "100"));
    expect(check('{"a": 1e21}')).toBe(inexact("a", "1e+21"));
    expect(check('{"a": -0}')).toBe(inexact("a", "0"));
    expect(check('{"metadata": {"x": 1e400}}')).toBe(inexact("metadata.x", "Infinity"));
    expect(check('{"scores": [1, 2, 3.0]}')).toBe(inexact("scores[2]", "3"));
    expect(check('{"a": [{"b": [0, {"c": 42.50}]}]}')).toBe(inexact("a[0].b[1].c", "42.5"));
  });

  it("checks each number token itself, not whether its value's text appears elsewhere in the line", () => {
    // 1.5 stands inside a string, and 100 as another field's value: neither makes 1.50 or 1E2 exact.
    expect(check('{"prompt": 1.50, "chosen": "a 1.5, b", "rejected": "x"}')).toBe(inexact("prompt", "1.5"));
    expect(check('{"chosen": 1E2, "rejected": "y", "x": 100}')).toBe(inexact("chosen", "100"));
  });

  it("never counts digits inside strings, escaped quotes and backslashes included", () => {
    expect(check('{"a": "1.50 \\" 1E2 \\\\", "b\\"1.0": "-0", "c": "\\\\\\"0.10"}')).toBeNull();
    expect(check('{"a": "x\\\\", "b": 1.0}')).toBe(inexact("b", "1"));
  });

  it("names paths by the source's order, though JSON.parse moves integer-like keys first", () => {
    expect(check('{"b": 1, "2": 2, "1": [3, 4.0]}')).toBe(inexact("1[1]", "4"));
  });
});

describe("jsonSourceProblem: duplicate keys", () => {
  it("refuses a key given twice, which JSON.parse would keep only the last value of", () => {
    expect(check('{"prompt":"first","prompt":"second","chosen":"a","rejected":"b"}')).toBe(twice("prompt"));
  });

  it("names the path of a duplicate nested in objects inside arrays", () => {
    expect(check('{"meta": {"a": 1, "b": 2, "a": 3}}')).toBe(twice("meta.a"));
    expect(check('{"turns": [{"role": "user"}, {"role": "user", "content": "x", "role": "bot"}]}')).toBe(
      twice("turns[1].role"),
    );
    expect(check('[{"a": 1}, {"a": 1, "a": 2}]')).toBe(twice("[1].a"));
  });

  it("compares keys after unescaping", () => {
    expect(check('{"a": 1, "\\u0061": 2}')).toBe(twice("a"));
    expect(check('{"a\\"b": 1, "a\\u0022b": 2}')).toBe(twice('a"b'));
    expect(check('{"x": {"\\n": 1}, "y": {"\\n": 1}}')).toBeNull();
  });

  it("finds a duplicate among many keys, however far apart", () => {
    const keys = Array.from({ length: 40 }, (_, i) => `"k${i}": ${i}`);
    expect(check(`{${keys.join(", ")}}`)).toBeNull();
    expect(check(`{${keys.join(", ")}, "k3": 0}`)).toBe(twice("k3"));
    expect(check(`{"k39": 0, ${keys.join(", ")}}`)).toBe(twice("k39"));
  });

  it("allows the same key in different objects, and a key's name as a value", () => {
    expect(check('{"a": {"a": "a"}, "b": [{"a": 1}, {"a": 2}], "c": "a"}')).toBeNull();
  });
});

describe("jsonSourceProblem: the source as a whole", () => {
  it("reports whichever problem comes first in the text", () => {
    expect(check('{"a": 1, "n": 1.0, "a": 2}')).toBe(inexact("n", "1"));
    expect(check('{"a": 1, "a": 2, "n": 1.0}')).toBe(twice("a"));
  });

  it("reads only the first value, as array elements are given with their trailing comma", () => {
    expect(jsonSourceProblem('{"a": 1},\n  ')).toBeNull();
    expect(jsonSourceProblem('{"a": 1.0}\n]')).toBe(inexact("a", "1"));
    expect(jsonSourceProblem('{"a": 1}, {"a": 1.0, "a": 2}')).toBeNull();
  });

  it("leaves a value that is not an object or array to be refused as not a record", () => {
    for (const source of ["1.50", ' "x" ', "null", "-0"]) expect(check(source), source).toBeNull();
  });

  it("reads a record nested 100,000 deep without running out of stack", () => {
    const depth = 100_000;
    const deep = (inner: string) => `{"a": ${"[".repeat(depth)}${inner}${"]".repeat(depth)}}`;
    expect(check(deep("1"))).toBeNull();
    expect(check(deep("1, 2.0"))).toBe(inexact(`a${"[0]".repeat(depth - 1)}[1]`, "2"));
  });
});
