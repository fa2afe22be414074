import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { exportProject } from "@/lib/export/test-helpers";
import { getProjectDashboard } from "./dashboard";

// The dashboard reads running figures (votes per annotator and day) kept by the vote triggers:
// whatever adds or removes votes, the figures follow.

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe("the project dashboard", () => {
  it("shows votes per day, each annotator's throughput and median time, the work left and the cost per day", async () => {
    const { project, pair } = await exportProject("HUMAN");
    await db.project.update({ where: { id: project.id }, data: { overlap: 2 } });
    const done = await pair({
      votes: [
        { choice: "A", at: day("2026-03-09") },
        { choice: "B", at: day("2026-03-10") },
      ],
    });
    await pair({ votes: [{ choice: "A", at: day("2026-03-10") }] }); // one vote short
    await pair(); // two short
    // An undone vote leaves the figures as if it had never been.
    const undone = await db.vote.findFirstOrThrow({ where: { pairId: done.id, choice: "B" } });
    await db.vote.delete({ where: { id: undone.id } });
    await db.vote.create({ data: { ...undone, choice: "A", id: randomUUID() } });
    const c = await db.candidate.findFirstOrThrow({ where: { projectId: project.id } });
    await db.candidate.update({ where: { id: c.id }, data: { costUsd: 0.25, createdAt: day("2026-03-08") } });

    const d = await getProjectDashboard(project.id, day("2026-03-10"));
    expect(d.votesPerDay).toHaveLength(30);
    expect(d.votesPerDay.at(-1)).toEqual({ day: "2026-03-10", votes: 2 });
    expect(d.votesPerDay.at(-2)).toEqual({ day: "2026-03-09", votes: 1 });
    expect(d.votesPerDay.reduce((s, x) => s + x.votes, 0)).toBe(3);
    // exportProject's pairs give vote i to annotator i: the first voted on days 9 and 10.
    const [first, second] = d.annotators;
    expect(first).toMatchObject({ votes: 2, lastWeek: 2, activeDays: 2, medianMs: 1000, medianOf: 2 });
    expect(second).toMatchObject({ votes: 1, activeDays: 1 });
    expect(d.remaining).toEqual({ pairsNeedingVotes: 2, votesNeeded: 3, pendingTasks: 0, runningTasks: 0 });
    expect(d.costPerDay).toEqual([{ day: "2026-03-08", generation: 0.25, judging: 0 }]);

    // Deleting the project takes its figures with it.
    await db.project.delete({ where: { id: project.id } });
    expect(await db.voteDay.count({ where: { projectId: project.id } })).toBe(0);
  });
});
