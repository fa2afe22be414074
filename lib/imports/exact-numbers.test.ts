import { describe, expect, it } from "vitest";
import { inexactNumberRead } from "./exact-numbers";

describe("numbers kept as written", () => {
  it("accepts number tokens that are exactly the text JavaScript gives back", () => {
    for (const token of ["42", "3.5", "-7", "0", "-3.5", "9007199254740991", "1e+21", "1.5e-7", "0.1"])
      expect(inexactNumberRead(token), token).toBeNull();
  });

  it("says what a number JavaScript would write differently reads as", () => {
    expect(inexactNumberRead("12345678901234567890")).toBe("12345678901234567000");
    expect(inexactNumberRead("0.1000")).toBe("0.1");
    expect(inexactNumberRead("1.50")).toBe("1.5");
    expect(inexactNumberRead("1E2")).toBe("100");
    expect(inexactNumberRead("1e2")).toBe("100");
    expect(inexactNumberRead("1e21")).toBe("1e+21");
    expect(inexactNumberRead("42.0")).toBe("42");
    expect(inexactNumberRead("-0")).toBe("0");
    expect(inexactNumberRead("1e400")).toBe("Infinity");
    expect(inexactNumberRead("-1e400")).toBe("-Infinity");
  });
});
