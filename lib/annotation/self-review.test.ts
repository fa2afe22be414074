import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { nextWriteTask } from "@/lib/writing/queue";
import { submitAnswer } from "@/lib/writing/submit";
import { members, writingProject } from "@/lib/writing/test-helpers";
import { nextItems } from "./queue";
import { adjudicate } from "./review";
import { submitVote } from "./votes";

async function writeAll(projectId: string, userId: string) {
  for (let task; (task = await nextWriteTask(projectId, userId));) {
    await submitAnswer(projectId, userId, {
      assignmentId: task.assignmentId,
      text: `answer by ${userId}`,
      timeTakenMs: 1,
    });
  }
}

async function labelAll(projectId: string, userId: string) {
  for (;;) {
    const [item] = await nextItems(projectId, userId, 1, []);
    if (!item) return;
    await submitVote(projectId, userId, {
      voteId: randomUUID(),
      assignmentId: item.assignmentId,
      choice: "LEFT",
      timeOnItemMs: 1,
    });
  }
}

describe("no self-review", () => {
  it("never serves a reviewer a pair holding their own answer, with 20 reviewers at once, and still fills every pair", async () => {
    const { project } = await writingProject(12, { writersPerPrompt: 2, humanPairing: "HUMAN", overlap: 3 });
    const people = await members(20, project.id);
    await Promise.all(people.map((u) => writeAll(project.id, u.id)));
    expect(await db.pair.count({ where: { projectId: project.id } })).toBe(12);

    await Promise.all(people.map((u) => labelAll(project.id, u.id)));
    const served = await db.assignment.findMany({
      where: { projectId: project.id },
      select: { userId: true, pair: { select: { candidateA: true, candidateB: true } } },
    });
    const own = served.filter((a) => [a.pair.candidateA.authorId, a.pair.candidateB.authorId].includes(a.userId));
    expect(own).toEqual([]);
    // 18 of the 20 may review each pair: every pair still gets its 3 votes.
    const pairs = await db.pair.findMany({ where: { projectId: project.id }, select: { voteCount: true } });
    expect(pairs.every((p) => p.voteCount === 3)).toBe(true);
  });

  it("refuses adjudication by the author of one of the answers", async () => {
    const { project } = await writingProject(1, { writersPerPrompt: 2, humanPairing: "HUMAN" });
    const [a, b, c] = await members(3, project.id);
    await writeAll(project.id, a!.id);
    await writeAll(project.id, b!.id);
    const pair = await db.pair.findFirstOrThrow({ where: { projectId: project.id } });
    await expect(
      adjudicate(project.id, pair.id, a!.id, { label: "A", reason: "mine is better" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await adjudicate(project.id, pair.id, c!.id, { label: "A", reason: "clearer" });
    expect(await db.adjudication.count({ where: { pairId: pair.id } })).toBe(1);
  });
});
