import { describe, expect, it } from "vitest";
import { emptyQueue, holding, queueReducer, wanted, type QueueState } from "./queue-state";
import type { AnnotationItem } from "./types";

const now = Date.parse("2026-01-01T00:00:00Z");
const item = (id: string, leaseMs = 600_000): AnnotationItem => ({
  assignmentId: id,
  pairId: `p-${id}`,
  prompt: { text: `prompt ${id}`, system: null },
  left: { text: "left" },
  right: { text: "right" },
  leasedUntil: new Date(now + leaseMs).toISOString(),
});
const ids = (s: QueueState) => s.items.map((i) => i.assignmentId);

describe("annotation queue", () => {
  it("asks for the pair on screen plus two ahead, and no more", () => {
    expect(wanted(emptyQueue)).toBe(3);
    const s = queueReducer(emptyQueue, { type: "received", items: [item("a"), item("b")] });
    expect(wanted(s)).toBe(1);
    expect(wanted(queueReducer(s, { type: "received", items: [item("c")] }))).toBe(0);
  });

  it("moves a submitted pair to pending, still held, until its request settles", () => {
    let s = queueReducer(emptyQueue, { type: "received", items: [item("a"), item("b"), item("c")] });
    s = queueReducer(s, { type: "advance", assignmentId: "a", now });
    expect(ids(s)).toEqual(["b", "c"]);
    expect(holding(s)).toEqual(["b", "c", "a"]);
    expect(wanted(s)).toBe(1);
    s = queueReducer(s, { type: "settled", assignmentId: "a" });
    expect(holding(s)).toEqual(["b", "c"]);
  });

  it("ignores a second submit of the same pair", () => {
    const s = queueReducer(emptyQueue, { type: "received", items: [item("a"), item("b")] });
    const once = queueReducer(s, { type: "advance", assignmentId: "a", now });
    expect(queueReducer(once, { type: "advance", assignmentId: "a", now })).toBe(once);
  });

  it("never shows a pair twice when the server returns one already held", () => {
    let s = queueReducer(emptyQueue, { type: "received", items: [item("a"), item("b")] });
    s = queueReducer(s, { type: "advance", assignmentId: "a", now });
    s = queueReducer(s, { type: "received", items: [item("a"), item("b"), item("c")] });
    expect(ids(s)).toEqual(["b", "c"]);
  });

  it("lets go of prefetched pairs whose lease is about to end", () => {
    let s = queueReducer(emptyQueue, { type: "received", items: [item("a"), item("b", 10_000), item("c")] });
    s = queueReducer(s, { type: "advance", assignmentId: "a", now });
    expect(ids(s)).toEqual(["c"]);
  });

  it("stops asking once the server has nothing, until told to check again", () => {
    let s = queueReducer(emptyQueue, { type: "received", items: [item("a")] });
    s = queueReducer(s, { type: "received", items: [] });
    expect(s.exhausted).toBe(true);
    expect(wanted(s)).toBe(0);
    expect(wanted(queueReducer(s, { type: "recheck" }))).toBe(2);
  });

  it("puts an undone pair back on screen, first", () => {
    let s = queueReducer(emptyQueue, { type: "received", items: [item("a"), item("b"), item("c")] });
    s = queueReducer(s, { type: "advance", assignmentId: "a", now });
    s = queueReducer(s, { type: "restore", item: item("a") });
    expect(ids(s)).toEqual(["a", "b", "c"]);
    expect(s.pending).toEqual([]);
  });

  it("takes a pair whose kept vote is being sent again off the screen, held until the vote settles", () => {
    // After signing in again the page serves the pair the lost vote was for: it is still held.
    let s = queueReducer(emptyQueue, { type: "received", items: [item("a"), item("b"), item("c")] });
    s = queueReducer(s, { type: "resend", assignmentIds: ["a", "z"] });
    expect(ids(s)).toEqual(["b", "c"]);
    expect(holding(s)).toEqual(["b", "c", "a", "z"]);
    s = queueReducer(s, { type: "received", items: [item("a"), item("d")] });
    expect(ids(s)).toEqual(["b", "c", "d"]);
    s = queueReducer(s, { type: "settled", assignmentId: "a" });
    expect(s.pending).toEqual(["z"]);
  });
});
