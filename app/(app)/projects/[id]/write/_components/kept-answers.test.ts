import { describe, expect, it } from "vitest";
import { forgetPersonValues } from "@/lib/browser/tab-storage";
import { memoryStorage } from "@/lib/testing/memory-storage";
import { forgetAnswer, keepAnswer, keptAnswers, settleAnswer } from "./kept-answers";

const w1p1 = { userId: "w1", projectId: "p1" };
const answer = (assignmentId: string, text: string) => ({ assignmentId, prompt: `Prompt of ${assignmentId}?`, text });

describe("answers kept in the tab", () => {
  it("keeps the latest text of each assignment until it is forgotten", () => {
    const s = memoryStorage();
    keepAnswer(s, w1p1, answer("a1", "Draft"));
    keepAnswer(s, w1p1, answer("a1", "Draft, longer"));
    expect(keepAnswer(s, w1p1, answer("a2", "Another"))).toBe(true);
    keepAnswer(s, { userId: "w1", projectId: "p2" }, answer("a3", "Elsewhere"));
    expect(keptAnswers(s, w1p1)).toEqual([answer("a1", "Draft, longer"), answer("a2", "Another")]);
    forgetAnswer(s, w1p1, "a1");
    expect(keptAnswers(s, w1p1)).toEqual([answer("a2", "Another")]);
    keepAnswer(s, w1p1, answer("a2", "  "));
    expect(keptAnswers(s, w1p1)).toEqual([]);
    expect(s.length).toBe(1);
  });

  it("says when the browser would not keep an answer, and reads nothing unreadable", () => {
    expect(keepAnswer(undefined, w1p1, answer("a1", "Draft"))).toBe(false);
    const s = memoryStorage();
    s.setItem("pairwise:kept-answers:w1:p1", "{broken");
    expect(keptAnswers(s, w1p1)).toEqual([]);
  });

  it("shows a kept answer only to the person who typed it, and forgets theirs when they sign out", () => {
    const s = memoryStorage();
    const w2p1 = { userId: "w2", projectId: "p1" };
    keepAnswer(s, w1p1, answer("a1", "SECRET w1 draft text"));
    keepAnswer(s, { userId: "w1", projectId: "p2" }, answer("a3", "w1 elsewhere"));
    keepAnswer(s, w2p1, answer("a2", "w2 draft"));
    expect(keptAnswers(s, w2p1)).toEqual([answer("a2", "w2 draft")]);
    s.setItem("pairwise:kept-answers:p1", JSON.stringify([answer("a0", "kept before answers had an owner")]));

    forgetPersonValues(s, "kept-answers", "w1");
    expect(keptAnswers(s, w1p1)).toEqual([]);
    expect(keptAnswers(s, { userId: "w1", projectId: "p2" })).toEqual([]);
    expect(keptAnswers(s, w2p1)).toEqual([answer("a2", "w2 draft")]);
    expect(s.getItem("pairwise:kept-answers:p1")).toBeNull();
    expect(s.length).toBe(1);
  });

  it("keeps the text of a skipped prompt, and forgets a submitted answer", () => {
    const s = memoryStorage();
    keepAnswer(s, w1p1, answer("a1", "Half an answer"));
    keepAnswer(s, w1p1, answer("a2", "A whole answer"));
    expect(settleAnswer(s, w1p1, "a1", "skipped")).toBe(true);
    expect(settleAnswer(s, w1p1, "a2", "submitted")).toBe(false);
    expect(settleAnswer(s, w1p1, "a3", "skipped")).toBe(false); // nothing was typed
    expect(keptAnswers(s, w1p1)).toEqual([answer("a1", "Half an answer")]);
  });
});
