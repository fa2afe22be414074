import { describe, expect, it } from "vitest";
import { answersOrigin } from "./answer-origin";

describe("where a pair's answers came from, as the Pairs list says it", () => {
  it("names each answer's endpoint, else its own source, never calling a written answer or an extract imported", () => {
    expect(answersOrigin(["Strong", "Weak"], ["GENERATED", "GENERATED"])).toBe("Strong vs Weak");
    expect(answersOrigin([null, "Weak"], ["DOCUMENT", "GENERATED"])).toBe("document extract vs Weak");
    expect(answersOrigin([null, "Strong"], ["HUMAN", "GENERATED"])).toBe("written by a member vs Strong");
    expect(answersOrigin([null, null], ["HUMAN", "IMPORTED"])).toBe("written by a member vs imported");
    expect(answersOrigin([null, null], ["IMPORTED", "IMPORTED"])).toBe("imported");
  });
});
