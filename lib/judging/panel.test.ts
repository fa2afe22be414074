import { describe, expect, it } from "vitest";
import { majorityOf, panelRule, panelVerdict } from "./panel";
import type { PairVerdict } from "./verdict";

const A = (confidence: number): PairVerdict => ({ status: "AGREED", label: "A", confidence });
const B = (confidence: number): PairVerdict => ({ status: "AGREED", label: "B", confidence });
const T: PairVerdict = { status: "AGREED", label: "TIE", confidence: 0 };
const U: PairVerdict = { status: "UNCERTAIN", label: null, confidence: null };
const F: PairVerdict = { status: "FAILED", label: null, confidence: null };
const uncertain = { status: "UNCERTAIN", label: null, confidence: null };
const failed = { status: "FAILED", label: null, confidence: null };

describe("panel verdict", () => {
  it("needs a strict majority: 1 of 1, 2 of 2, 2 of 3", () => {
    expect([1, 2, 3].map(majorityOf)).toEqual([1, 2, 2]);
  });

  it("one judge: its own verdict, unchanged", () => {
    expect(panelVerdict([A(4)])).toEqual(A(4));
    expect(panelVerdict([T])).toEqual(T);
    expect(panelVerdict([U])).toEqual(uncertain);
    expect(panelVerdict([F])).toEqual(failed);
  });

  it("two judges: both must agree on the same winner; one failure leaves no majority", () => {
    expect(panelVerdict([A(4), A(2)])).toEqual({ status: "AGREED", label: "A", confidence: 3 });
    expect(panelVerdict([B(1), B(6)])).toEqual({ status: "AGREED", label: "B", confidence: 3.5 });
    expect(panelVerdict([T, T])).toEqual({ status: "AGREED", label: "TIE", confidence: 0 });
    // A split, a tie against a winner, or an unsure judge: no majority.
    expect(panelVerdict([A(4), B(4)])).toEqual(uncertain);
    expect(panelVerdict([A(4), T])).toEqual(uncertain);
    expect(panelVerdict([U, A(5)])).toEqual(uncertain);
    expect(panelVerdict([U, U])).toEqual(uncertain);
    expect(panelVerdict([A(5), F])).toEqual(failed);
    expect(panelVerdict([F, U])).toEqual(failed);
    expect(panelVerdict([F, F])).toEqual(failed);
  });

  it("three judges: two agreeing decide, with the mean confidence of the majority only", () => {
    expect(panelVerdict([A(3), A(6), A(9)])).toEqual({ status: "AGREED", label: "A", confidence: 6 });
    expect(panelVerdict([A(2), B(9), A(4)])).toEqual({ status: "AGREED", label: "A", confidence: 3 });
    expect(panelVerdict([B(1), U, B(2)])).toEqual({ status: "AGREED", label: "B", confidence: 1.5 });
    expect(panelVerdict([F, A(7), A(5)])).toEqual({ status: "AGREED", label: "A", confidence: 6 });
    expect(panelVerdict([T, T, A(8)])).toEqual({ status: "AGREED", label: "TIE", confidence: 0 });
  });

  it("three judges: no two alike is uncertain, unless failures leave fewer than two answers", () => {
    expect(panelVerdict([A(5), B(5), T])).toEqual(uncertain);
    expect(panelVerdict([A(5), B(5), U])).toEqual(uncertain);
    expect(panelVerdict([A(5), U, U])).toEqual(uncertain);
    expect(panelVerdict([U, U, U])).toEqual(uncertain);
    // One failed judge: the other two could still have agreed.
    expect(panelVerdict([A(5), B(5), F])).toEqual(uncertain);
    expect(panelVerdict([U, F, A(3)])).toEqual(uncertain);
    // Two or three failed: no majority was possible.
    expect(panelVerdict([A(9), F, F])).toEqual(failed);
    expect(panelVerdict([F, U, F])).toEqual(failed);
    expect(panelVerdict([F, F, F])).toEqual(failed);
  });

  it("refuses an empty panel or more than three judges", () => {
    expect(() => panelVerdict([])).toThrow(RangeError);
    expect(() => panelVerdict([A(1), A(1), A(1), A(1)])).toThrow(RangeError);
  });

  it("states the rule for the panel's size", () => {
    expect(panelRule(1)).toBe("the judge's verdict stands when its two orders agree");
    expect(panelRule(2)).toBe("a verdict stands when all 2 judges agree on the same winner in both orders");
    expect(panelRule(3)).toBe(
      "a verdict stands when at least 2 of the 3 judges agree on the same winner in both orders",
    );
  });
});
