import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestEndpoint } from "@/lib/testing/factories";
import { startDocumentRun } from "@/lib/document-runs/start";
import { documentProject } from "@/lib/document-runs/test-helpers";
import { exportProject } from "@/lib/export/test-helpers";
import { startRun } from "@/lib/generation/runs";
import type { RunKind } from "@/lib/generated/prisma/client";
import { listRuns } from "@/lib/jobs/progress";
import { waitForRun } from "@/lib/jobs/test-helpers";
import { modelServerAndWorker } from "@/lib/jobs/test-fixture";
import { startJudgingRun } from "@/lib/judging/runs";
import { getProjectDashboard } from "./dashboard";

const env = modelServerAndWorker();

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
    await pair({ gold: "A" }); // gold: answered once by each annotator as served, no overlap to reach
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
    expect(d.remaining).toEqual({
      votesOptional: false,
      pairsNeedingVotes: 2,
      votesNeeded: 3,
      pendingTasks: 0,
      runningTasks: 0,
      pairsAwaitingJudge: 0,
    });
    expect(d.costPerDay).toEqual([{ day: "2026-03-08", generation: 0.25, judging: 0, documents: 0 }]);

    // Deleting the project takes its figures with it.
    await db.project.delete({ where: { id: project.id } });
    expect(await db.voteDay.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("the dashboard of an implicit project", () => {
  it("counts the pairs without votes as optional review, not as work the export waits for", async () => {
    const { project, pair } = await exportProject("IMPLICIT");
    await pair();
    const d = await getProjectDashboard(project.id);
    expect(d.remaining).toMatchObject({ votesOptional: true, pairsNeedingVotes: 1, votesNeeded: 1 });
  });
});

describe("the dashboard of a project the judge decides", () => {
  it("counts the pairs no judge has seen, unless a judging run is under way", async () => {
    const { project, pair } = await exportProject("HYBRID");
    const seen = await pair();
    await pair();
    await pair();
    const endpoint = await createTestEndpoint();
    await db.judgment.create({
      data: {
        projectId: project.id,
        pairId: seen.id,
        endpointId: endpoint.id,
        swapped: false,
        status: "OK",
        rawText: "",
      },
    });
    expect((await getProjectDashboard(project.id)).remaining.pairsAwaitingJudge).toBe(2);

    // A run under way takes them all: nothing to start.
    const run = await db.run.create({
      data: { projectId: project.id, kind: "JUDGING", createdById: project.createdById },
    });
    expect((await getProjectDashboard(project.id)).remaining.pairsAwaitingJudge).toBe(0);
    await db.run.update({ where: { id: run.id }, data: { status: "CANCELLED" } });
    expect((await getProjectDashboard(project.id)).remaining.pairsAwaitingJudge).toBe(2);

    // Humans alone decide: no judge to wait for.
    await db.project.update({ where: { id: project.id }, data: { evaluationMode: "HUMAN" } });
    expect((await getProjectDashboard(project.id)).remaining.pairsAwaitingJudge).toBe(0);
  });
});

describe("the dashboard's model cost", () => {
  it("counts generation, judging and document runs, each adding up to what its run cards show", async () => {
    const { project, admin, generator, weak } = await documentProject(env.server, { documents: 2 });
    for (const mode of ["PREFERENCES", "INSTRUCTIONS"] as const) {
      const run = await startDocumentRun(project.id, admin.id, {
        mode,
        generatorEndpointId: generator.id,
        rejectedEndpointId: mode === "PREFERENCES" ? weak.id : null,
      });
      expect((await waitForRun(run.id)).status).toBe("COMPLETED");
    }
    // The same project then generates answers to prompts of its own, and a judge compares every
    // pair, those the preference run formed included.
    const judge = await db.modelEndpoint.create({
      data: {
        name: `judge-${project.id}`,
        provider: "OPENAI_COMPATIBLE",
        baseUrl: env.server.baseUrl,
        modelId: "test-strong",
        inputPricePerMTok: 3,
        outputPricePerMTok: 5,
      },
    });
    await db.project.update({
      where: { id: project.id },
      data: { generationMode: "STRONG_WEAK", evaluationMode: "LLM_JUDGE" },
    });
    await db.projectEndpoint.createMany({
      data: [
        { projectId: project.id, endpointId: generator.id, role: "STRONG" },
        { projectId: project.id, endpointId: weak.id, role: "WEAK" },
        { projectId: project.id, endpointId: judge.id, role: "JUDGE" },
      ],
    });
    await db.prompt.createMany({
      data: [1, 2, 3].map((i) => ({ projectId: project.id, text: `Explain item ${i}.`, promptKey: `own-${i}` })),
    });
    expect((await waitForRun((await startRun(project.id, admin.id)).id)).status).toBe("COMPLETED");
    expect((await waitForRun((await startJudgingRun(project.id, admin.id)).id)).status).toBe("COMPLETED");

    const { runs } = await listRuns(project.id);
    const onCards = (kinds: RunKind[]) => runs.filter((r) => kinds.includes(r.kind)).reduce((s, r) => s + r.costUsd, 0);
    const { costPerDay } = await getProjectDashboard(project.id);
    const onDashboard = (kind: "generation" | "judging" | "documents") => costPerDay.reduce((s, c) => s + c[kind], 0);
    const expected = {
      generation: onCards(["GENERATION"]),
      judging: onCards(["JUDGING"]),
      documents: onCards(["DOC_INSTRUCTIONS", "DOC_PREFERENCES"]),
    };
    for (const [kind, cost] of Object.entries(expected)) {
      expect(cost, kind).toBeGreaterThan(0);
      expect(onDashboard(kind as keyof typeof expected), kind).toBeCloseTo(cost, 12);
    }
  }, 120_000);
});
