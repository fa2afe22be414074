import { describe, expect, it } from "vitest";
import { disagrees, outcomeText, pairOutcome, voteSummary } from "./outcome";

describe("pairOutcome", () => {
  it("takes the majority of the votes", () => {
    expect(pairOutcome(["A", "A", "B"])).toEqual({
      label: "A",
      source: "votes",
      split: false,
      agreement: 2 / 3,
      votes: 3,
    });
    expect(pairOutcome(["BOTH_BAD", "B", "BOTH_BAD"]).label).toBe("BOTH_BAD");
  });

  it("counts an even split as a tie", () => {
    expect(pairOutcome(["A", "B"]).label).toBe("TIE");
    expect(pairOutcome(["A", "A", "B", "B"])).toMatchObject({ label: "TIE", agreement: 0.5 });
    expect(pairOutcome(["A", "B", "TIE"]).label).toBe("TIE");
  });

  it("lets an adjudication override the votes", () => {
    expect(pairOutcome(["A", "A", "A"], "B")).toEqual({
      label: "B",
      source: "adjudication",
      split: false,
      agreement: 1,
      votes: 3,
    });
    expect(pairOutcome([], "TIE")).toMatchObject({ label: "TIE", source: "adjudication", votes: 0 });
  });

  it("has no label without votes or adjudication", () => {
    expect(pairOutcome([])).toEqual({ label: null, source: null, split: false, agreement: null, votes: 0 });
  });

  it("spots disagreement", () => {
    expect(disagrees(["A", "A"])).toBe(false);
    expect(disagrees(["A", "TIE"])).toBe(true);
  });
});

describe("voteSummary", () => {
  it("gives agreement only when there are votes to agree", () => {
    expect(voteSummary(pairOutcome([]))).toBe("0 votes");
    expect(voteSummary(pairOutcome(["A"]))).toBe("1 vote");
    expect(voteSummary(pairOutcome(["A"], "B"))).toBe("1 vote");
    expect(voteSummary(pairOutcome(["A", "A", "B"]))).toBe("3 votes · 67% agree");
  });
});

describe("outcomeText", () => {
  it("names an even split as a split, not as the tie annotators choose, until an admin decides", () => {
    expect(outcomeText(pairOutcome(["BOTH_BAD", "A"]))).toBe("Split (no majority)");
    expect(outcomeText(pairOutcome(["A", "B", "TIE"]))).toBe("Split (no majority)");
    expect(outcomeText(pairOutcome(["TIE", "TIE"]))).toBe("Tie");
    expect(outcomeText(pairOutcome(["A", "B"], "B"))).toBe("B better");
    expect(outcomeText(pairOutcome([]))).toBe("no label yet");
  });
});
