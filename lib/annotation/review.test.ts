import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listPairs } from "@/lib/pairs/pair-list";
import { pairListQuerySchema } from "@/lib/pairs/list-schemas";
import { createTestPair } from "@/lib/testing/factories";
import { adjudicate, pairReview } from "./review";

const listDisagreements = async (projectId: string) =>
  (await listPairs(projectId, pairListQuerySchema.parse({ disagreement: "1" }))).pairs.map((p) => ({
    pairId: p.id,
    adjudicated: p.adjudicated,
  }));

async function pairWithVotes(choices: ("A" | "B" | "TIE" | "BOTH_BAD")[]) {
  const admin = await db.user.create({ data: { email: `a-${randomUUID()}@x.test`, passwordHash: "x", role: "ADMIN" } });
  const project = await db.project.create({
    data: { name: "r", generationMode: "IMPORTED", evaluationMode: "HUMAN", overlap: 3, createdById: admin.id },
  });
  const pair = await createTestPair(project.id, "Which is better?", { voteCount: choices.length });
  for (const choice of choices) {
    const user = await db.user.create({ data: { email: `u-${randomUUID()}@x.test`, passwordHash: "x" } });
    const assignment = await db.assignment.create({
      data: {
        projectId: project.id,
        pairId: pair.id,
        userId: user.id,
        leftIsA: true,
        status: "VOTED",
        leasedUntil: new Date(),
      },
    });
    await db.vote.create({
      data: {
        id: randomUUID(),
        assignmentId: assignment.id,
        projectId: project.id,
        pairId: pair.id,
        userId: user.id,
        choice,
        leftIsA: true,
        timeOnItemMs: 1200,
      },
    });
  }
  return { admin, project, pair };
}

describe("review", () => {
  it("shows every vote with its annotator and the majority outcome", async () => {
    const { project, pair } = await pairWithVotes(["A", "B", "A"]);
    const review = await pairReview(project.id, pair.id);
    expect(review.votes).toHaveLength(3);
    expect(review.votes[0]!.annotator).toMatch(/@x\.test$/);
    expect(review.outcome).toMatchObject({ label: "A", source: "votes", votes: 3 });
  });

  it("lists pairs whose annotators disagree, and an adjudication overrides their votes", async () => {
    const split = await pairWithVotes(["A", "B"]);
    const agreed = await pairWithVotes(["B", "B"]);
    expect((await listDisagreements(split.project.id)).map((p) => p.pairId)).toEqual([split.pair.id]);
    expect(await listDisagreements(agreed.project.id)).toEqual([]);
    expect((await pairReview(split.project.id, split.pair.id)).outcome.label).toBe("TIE");

    await adjudicate(split.project.id, split.pair.id, split.admin.id, { label: "B", reason: "A invents a citation" });
    const review = await pairReview(split.project.id, split.pair.id);
    expect(review.outcome).toMatchObject({ label: "B", source: "adjudication" });
    expect(review.adjudication).toMatchObject({ label: "B", reason: "A invents a citation" });
    expect((await listDisagreements(split.project.id))[0]!.adjudicated).toBe(true);
  });

  it("says who adjudicated and when, the last change included, and lists skips with their reasons", async () => {
    const { admin, project, pair } = await pairWithVotes(["A", "B"]);
    const skipper = await db.user.create({ data: { email: `s-${randomUUID()}@x.test`, passwordHash: "x" } });
    await db.assignment.create({
      data: {
        projectId: project.id,
        pairId: pair.id,
        userId: skipper.id,
        leftIsA: false,
        status: "SKIPPED",
        leasedUntil: new Date(),
        skipReason: "Needs a chemist",
        skipFlags: ["harmful"],
      },
    });
    await adjudicate(project.id, pair.id, admin.id, { label: "A", reason: "first look" });
    const first = (await pairReview(project.id, pair.id)).adjudication!;
    const other = await db.user.create({
      data: { email: `b-${randomUUID()}@x.test`, passwordHash: "x", role: "ADMIN" },
    });
    await adjudicate(project.id, pair.id, other.id, { label: "B", reason: "second look" });
    const review = await pairReview(project.id, pair.id);
    expect(review.adjudication).toMatchObject({
      label: "B",
      reason: "second look",
      adjudicator: other.email,
      createdAt: first.createdAt,
    });
    expect(review.adjudication!.updatedAt.getTime()).toBeGreaterThanOrEqual(first.updatedAt.getTime());
    expect(review.skips).toEqual([
      {
        id: expect.any(String),
        annotator: skipper.email,
        skipReason: "Needs a chemist",
        skipFlags: ["harmful"],
        skippedAt: expect.any(Date),
      },
    ]);
  });

  it("wants a reason and a known label", async () => {
    const { admin, project, pair } = await pairWithVotes(["A"]);
    await expect(adjudicate(project.id, pair.id, admin.id, { label: "B", reason: " " })).rejects.toThrow(/Say why/);
    await expect(adjudicate(project.id, pair.id, admin.id, { label: "C" as "A", reason: "x" })).rejects.toThrow(
      /Choose a label/,
    );
  });
});

describe("progress", () => {
  it("counts nothing for a project without pairs, and done pairs once they reach the overlap", async () => {
    const { getProgress } = await import("./progress");
    const { project, pair } = await pairWithVotes(["A", "B", "A"]);
    const voter = (await db.vote.findFirstOrThrow({ where: { pairId: pair.id } })).userId;
    expect(await getProgress(project.id, voter)).toEqual({
      mineToday: 1,
      mineTotal: 1,
      projectDone: 1,
      projectTotal: 1,
      leftForYou: 0,
      heldByOthers: 0,
      hasGold: false,
    });
    const empty = await db.project.create({
      data: { name: "e", generationMode: "IMPORTED", evaluationMode: "HUMAN", createdById: voter },
    });
    expect(await getProgress(empty.id, voter)).toEqual({
      mineToday: 0,
      mineTotal: 0,
      projectDone: 0,
      projectTotal: 0,
      leftForYou: 0,
      heldByOthers: 0,
      hasGold: false,
    });
  });
});
