import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { EvaluationChange, OverlapChange } from "./mode-fields";

const html = (from: number, to: number) => renderToStaticMarkup(<OverlapChange from={from} to={to} />);

describe("OverlapChange", () => {
  it("says, before saving, that raising the overlap takes finished pairs out of default exports", () => {
    expect(html(3, 4)).toContain("Raising the overlap from 3 to 4: pairs that had all their 3 votes go back");
    expect(html(3, 4)).toContain("Complete pairs only");
  });

  it("says that lowering it completes pairs at once", () => {
    expect(html(3, 1)).toContain("Lowering the overlap from 3 to 1: pairs with 1 vote or more are complete");
  });

  it("says nothing while the overlap is unchanged or not a number", () => {
    expect(html(3, 3)).toBe("");
    expect(html(3, Number.NaN)).toBe("");
  });
});

describe("EvaluationChange", () => {
  const text = (from: Parameters<typeof EvaluationChange>[0]["from"], to: typeof from, hasJudge = false) =>
    renderToStaticMarkup(<EvaluationChange from={from} to={to} hasJudge={hasJudge} />);

  it("says a switch to the judge stops serving pairs to annotators, and that a judge must be chosen and run", () => {
    const noJudge = text("HUMAN", "LLM_JUDGE");
    expect(noJudge).toContain("Switching from Human to LLM judge: annotators are then served only the pairs the judge");
    expect(noJudge).toContain("This project has no judge yet: once saved, choose one in the LLM judge section");
    expect(noJudge).toContain("Votes already cast, and adjudications, still decide their pairs.");
    const withJudge = text("HUMAN", "HYBRID", true);
    expect(withJudge).toContain("Start a run on the Judging page");
    expect(withJudge).not.toContain("no judge yet");
  });

  it("says what changes between the judge's modes, back to people, and to implicit labels", () => {
    expect(text("HYBRID", "LLM_JUDGE", true)).toContain("low-margin and audit pairs no longer do");
    expect(text("LLM_JUDGE", "HYBRID", true)).toContain("an audit sample go to annotators too");
    expect(text("LLM_JUDGE", "HUMAN")).toContain("every pair is served to annotators until it has its votes");
    expect(text("HUMAN", "IMPLICIT")).toContain("annotators are still served every pair");
  });

  it("says nothing while the mode is unchanged", () => {
    expect(text("HYBRID", "HYBRID")).toBe("");
  });
});
