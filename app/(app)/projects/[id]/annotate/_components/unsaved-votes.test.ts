import { describe, expect, it } from "vitest";
import { memoryStorage } from "@/lib/testing/memory-storage";
import { forgetUnsavedVote, keepUnsavedVote, unsavedVotes } from "./unsaved-votes";
import type { VoteBody } from "./types";

const a1p1 = { userId: "u1", projectId: "p1" };
const vote = (voteId: string, assignmentId: string): VoteBody => ({
  voteId,
  assignmentId,
  choice: "LEFT",
  timeOnItemMs: 1_000,
  rationale: "clearer",
  editedText: "A better answer.",
});

describe("votes kept while signed out", () => {
  it("keeps each refused vote whole, once, per project, until it is sent", () => {
    const s = memoryStorage();
    expect(keepUnsavedVote(s, a1p1, vote("v1", "a1"))).toBe(true);
    keepUnsavedVote(s, a1p1, vote("v2", "a2"));
    keepUnsavedVote(s, a1p1, vote("v1", "a1"));
    keepUnsavedVote(s, { userId: "u1", projectId: "p2" }, vote("v3", "a3"));
    expect(unsavedVotes(s, a1p1)).toEqual([vote("v2", "a2"), vote("v1", "a1")]);
    forgetUnsavedVote(s, a1p1, "v2");
    forgetUnsavedVote(s, a1p1, "v1");
    expect(unsavedVotes(s, a1p1)).toEqual([]);
    expect(s.length).toBe(1);
    expect(unsavedVotes(s, { userId: "u1", projectId: "p2" })).toEqual([vote("v3", "a3")]);
  });

  it("reads nothing from storage that is missing, refused or holds something else", () => {
    expect(unsavedVotes(undefined, a1p1)).toEqual([]);
    const s = memoryStorage();
    s.setItem("pairwise:unsaved-votes:u1:p1", "{not json");
    expect(unsavedVotes(s, a1p1)).toEqual([]);
    s.setItem("pairwise:unsaved-votes:u1:p1", '{"voteId":"v1"}');
    expect(unsavedVotes(s, a1p1)).toEqual([]);
    expect(keepUnsavedVote(memoryStorage({ full: true }), a1p1, vote("v1", "a1"))).toBe(false);
    expect(keepUnsavedVote(undefined, a1p1, vote("v1", "a1"))).toBe(false);
  });

  it("sends a kept vote again only for the person who cast it", () => {
    const s = memoryStorage();
    keepUnsavedVote(s, a1p1, vote("v1", "a1"));
    expect(unsavedVotes(s, { userId: "u2", projectId: "p1" })).toEqual([]);
    expect(unsavedVotes(s, a1p1)).toEqual([vote("v1", "a1")]);
  });
});
