import { describe, expect, it } from "vitest";
import { memoryStorage } from "@/lib/testing/memory-storage";
import { forgetAnswer, keepAnswer, keptAnswers } from "./kept-answers";

const answer = (assignmentId: string, text: string) => ({ assignmentId, prompt: `Prompt of ${assignmentId}?`, text });

describe("answers kept in the tab", () => {
  it("keeps the latest text of each assignment until it is forgotten", () => {
    const s = memoryStorage();
    keepAnswer(s, "p1", answer("a1", "Draft"));
    keepAnswer(s, "p1", answer("a1", "Draft, longer"));
    expect(keepAnswer(s, "p1", answer("a2", "Another"))).toBe(true);
    keepAnswer(s, "p2", answer("a3", "Elsewhere"));
    expect(keptAnswers(s, "p1")).toEqual([answer("a1", "Draft, longer"), answer("a2", "Another")]);
    forgetAnswer(s, "p1", "a1");
    expect(keptAnswers(s, "p1")).toEqual([answer("a2", "Another")]);
    keepAnswer(s, "p1", answer("a2", "  "));
    expect(keptAnswers(s, "p1")).toEqual([]);
    expect(s.length).toBe(1);
  });

  it("says when the browser would not keep an answer, and reads nothing unreadable", () => {
    expect(keepAnswer(undefined, "p1", answer("a1", "Draft"))).toBe(false);
    const s = memoryStorage();
    s.setItem("pairwise:kept-answers:p1", "{broken");
    expect(keptAnswers(s, "p1")).toEqual([]);
  });
});
