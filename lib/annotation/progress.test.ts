import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestPair, createTestProject, createTestUser } from "@/lib/testing/factories";
import { coalesced, progressFor } from "./progress";

describe("coalesced reads", () => {
  it("gives calls made while a read runs one read started after them, so a burst costs two reads", async () => {
    let reads = 0;
    const read = async () => {
      const n = ++reads;
      await new Promise((r) => setTimeout(r, 50));
      return n;
    };
    const first = coalesced("k", read);
    const burst = Array.from({ length: 50 }, () => coalesced("k", read));
    expect(await first).toBe(1);
    // Each of the 50 came after read 1 began: they get read 2, which began after them.
    expect(new Set(await Promise.all(burst))).toEqual(new Set([2]));
    expect(reads).toBe(2);
    // Once nothing runs, the next call reads afresh; other keys never wait for this one.
    expect(await Promise.all([coalesced("k", read), coalesced("other", read)])).toEqual([3, 4]);
  });

  it("does not start a second read when a call comes just as a read ends and the next is queued", async () => {
    let reads = 0;
    const read = async () => {
      const n = ++reads;
      await new Promise((r) => setTimeout(r, 20));
      return n;
    };
    const a = coalesced("q", read);
    const b = coalesced("q", read);
    const c = a.then(() => coalesced("q", read));
    expect([await a, await b, await c]).toEqual([1, 2, 2]);
    expect(reads).toBe(2);
  });

  it("lets the calls waiting behind a failed read have a read of their own", async () => {
    let reads = 0;
    const failing = coalesced("f", async () => {
      reads++;
      await new Promise((r) => setTimeout(r, 20));
      throw new Error("read failed");
    });
    const waiting = coalesced("f", async () => ++reads);
    await expect(failing).rejects.toThrow("read failed");
    expect(await waiting).toBe(2);
  });
});

describe("the progress an annotation page shows", () => {
  it("leaves the project's counts out for annotators of a project with gold pairs, which they would tell apart", async () => {
    const annotator = await createTestUser();
    const admin = await createTestUser({ role: "ADMIN" });
    const project = await createTestProject({ members: [annotator.id, admin.id] });
    await createTestPair(project.id);
    const projectCounts = async () => {
      const [a, b] = await Promise.all([progressFor(project.id, annotator), progressFor(project.id, admin)]);
      return [
        [a.projectDone, a.projectTotal],
        [b.projectDone, b.projectTotal],
      ];
    };
    expect(await projectCounts()).toEqual([
      [0, 1],
      [0, 1],
    ]);

    const gold = await createTestPair(project.id);
    await db.pair.update({ where: { id: gold.id }, data: { goldLabel: "A" } });
    expect(await projectCounts()).toEqual([
      [null, null],
      [0, 1],
    ]);
    // What is the annotator's own stays.
    expect(await progressFor(project.id, annotator)).toMatchObject({ mineTotal: 0, leftForYou: 2 });
  });
});
