import { describe, expect, it } from "vitest";
import { buildVote, draftReducer, emptyDraft, type Draft, type DraftAction } from "./draft-state";
import type { AnnotationItem } from "./types";

const item: AnnotationItem = {
  assignmentId: "as1",
  pairId: "p1",
  prompt: { text: "Q", system: null },
  left: { text: "left answer" },
  right: { text: "right answer" },
  leasedUntil: "2026-01-01T00:10:00Z",
};
const run = (...actions: DraftAction[]): Draft => actions.reduce(draftReducer, emptyDraft);

describe("vote draft", () => {
  it("sends nothing before a choice", () => {
    expect(buildVote(run({ type: "strength", strength: 2 }), item, "v1", 10)).toBeNull();
  });

  it("sends the choice with strength, trimmed rationale, flags and the time, rounded", () => {
    const d = run(
      { type: "choose", choice: "RIGHT" },
      { type: "strength", strength: 2 },
      { type: "rationale", text: "  more precise \n" },
      { type: "flag", flag: "broken" },
      { type: "flag", flag: "harmful" },
      { type: "flag", flag: "broken" },
    );
    expect(buildVote(d, item, "v1", 1234.6)).toEqual({
      voteId: "v1",
      assignmentId: "as1",
      choice: "RIGHT",
      strength: 2,
      rationale: "more precise",
      flags: ["harmful"],
      timeOnItemMs: 1235,
    });
  });

  it("toggles strength off when pressed twice and drops it for a tie", () => {
    expect(run({ type: "strength", strength: 1 }, { type: "strength", strength: 1 }).strength).toBeNull();
    const tie = run({ type: "strength", strength: 1 }, { type: "choose", choice: "TIE" });
    expect(buildVote(tie, item, "v", 0)).toEqual({ voteId: "v", assignmentId: "as1", choice: "TIE", timeOnItemMs: 0 });
  });

  it("editing an answer prefers it and sends the rewrite only while that side stays chosen", () => {
    let d = run({ type: "ask-edit-side" });
    expect(d.askingEditSide).toBe(true);
    d = draftReducer(d, { type: "start-edit", side: "LEFT", text: item.left.text });
    expect(d.choice).toBe("LEFT");
    expect(d.askingEditSide).toBe(false);
    expect(buildVote(d, item, "v", 0)?.editedText).toBeUndefined(); // unchanged: nothing to send
    d = draftReducer(d, { type: "edit-text", text: "a better left answer" });
    expect(buildVote(d, item, "v", 0)?.editedText).toBe("a better left answer");
    d = draftReducer(d, { type: "choose", choice: "RIGHT" });
    expect(buildVote(d, item, "v", 0)?.editedText).toBeUndefined();
    d = draftReducer(d, { type: "start-edit", side: "LEFT", text: item.left.text });
    expect(d.edit?.text).toBe("a better left answer"); // coming back keeps the rewrite
  });

  it("asks for a choice on an empty submit until one is made", () => {
    const asked = run({ type: "flag", flag: "harmful" }, { type: "ask-choice" });
    expect(asked.needsChoice).toBe(true);
    expect(draftReducer(asked, { type: "rationale", text: "hm" }).needsChoice).toBe(true);
    expect(draftReducer(asked, { type: "choose", choice: "TIE" }).needsChoice).toBe(false);
    expect(draftReducer(asked, { type: "start-edit", side: "RIGHT", text: item.right.text }).needsChoice).toBe(false);
    expect(run({ type: "choose", choice: "LEFT" }, { type: "ask-choice" }).needsChoice).toBe(false);
  });

  it("starts over for the next pair", () => {
    expect(run({ type: "choose", choice: "LEFT" }, { type: "flag", flag: "harmful" }, { type: "reset" })).toEqual(
      emptyDraft,
    );
  });
});

describe("keyed draft", () => {
  it("belongs to one pair: another pair starts empty, and coming back does not revive it", async () => {
    const { keyedDraftReducer, draftFor } = await import("./draft-state");
    let s = keyedDraftReducer(
      { forId: null, draft: emptyDraft },
      { forId: "a", action: { type: "choose", choice: "TIE" } },
    );
    expect(draftFor(s, "a").choice).toBe("TIE");
    expect(draftFor(s, "b")).toEqual(emptyDraft);
    s = keyedDraftReducer(s, { forId: "b", action: { type: "flag", flag: "harmful" } });
    expect(draftFor(s, "b")).toEqual({ ...emptyDraft, flags: ["harmful"] });
    expect(draftFor(s, "a")).toEqual(emptyDraft);
  });

  it("drops the request for a choice when the pair changes", async () => {
    const { keyedDraftReducer, draftFor } = await import("./draft-state");
    const s = keyedDraftReducer({ forId: null, draft: emptyDraft }, { forId: "a", action: { type: "ask-choice" } });
    expect(draftFor(s, "a").needsChoice).toBe(true);
    expect(draftFor(s, "b").needsChoice).toBe(false);
  });

  it("loads a saved draft back onto its pair (undo)", async () => {
    const { keyedDraftReducer, draftFor } = await import("./draft-state");
    const saved: Draft = { ...emptyDraft, choice: "TIE", rationale: "same facts" };
    const s = keyedDraftReducer(
      { forId: "", draft: emptyDraft },
      { forId: "a", action: { type: "load", draft: saved } },
    );
    expect(draftFor(s, "a")).toEqual(saved);
  });
});
