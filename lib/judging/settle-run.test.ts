import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startModelServer, type ModelServer } from "@/lib/testing/model-server";

// Short leases and heartbeats, so that a run a dead worker left open is closed within a second.
process.env.GENERATION_LEASE_SECONDS = "2";
process.env.GENERATION_HEARTBEAT_MS = "200";
const { startJudgingRun } = await import("./runs");
const { withWorker } = await import("@/lib/jobs/test-fixture");
const { waitForRun } = await import("@/lib/jobs/test-helpers");
const { expectedAgreed, judgingProject, scriptedJudge } = await import("./test-helpers");
const { settleRunPairs } = await import("./resettle");
const { getRunVerdicts } = await import("./run-verdicts");

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer({ models: ["test-judge"], latencyMs: 5 });
  server.configure({ respond: scriptedJudge });
});
afterAll(() => server.close());

/**
 * What a worker that died between storing a pair's last judgment and settling the pair leaves:
 * both orders judged, their tasks done, and no verdict on the pair.
 */
async function judgedThenDied(runId: string, pairId: string, winner: "A" | "B") {
  const tasks = await db.task.findMany({ where: { runId, pairId } });
  for (const t of tasks)
    await db.judgment.create({
      data: {
        projectId: t.projectId,
        pairId,
        endpointId: t.endpointId!,
        swapped: t.judgeOrder === "SWAPPED",
        status: "OK",
        winner,
        scoreA: winner === "A" ? 8 : 3,
        scoreB: winner === "A" ? 3 : 8,
        rationale: "Judged before the worker died.",
        rawText: "{}",
        outputMode: "JSON_SCHEMA",
        latencyMs: 5,
        model: "test-judge",
        params: {},
      },
    });
  await db.task.updateMany({
    where: { id: { in: tasks.map((t) => t.id) } },
    data: { status: "DONE", workerId: "dead-worker", updatedAt: new Date(Date.now() - 60_000) },
  });
}

it("settles the pair whose last judgment a worker stored before it died, when the run closes", async () => {
  const specs = [
    { qa: 8, qb: 3 },
    { qa: 2, qb: 7 },
    { qa: 6, qb: 1 },
  ];
  const { project, admin, pairs } = await judgingProject(server, specs, { auditShare: 0 });
  const run = await startJudgingRun(project.id, admin.id);
  await judgedThenDied(run.id, pairs[0]!.pair.id, "A");

  await withWorker(async () => {
    expect((await waitForRun(run.id, 30_000)).status).toBe("COMPLETED");
  });
  const settled = await db.pair.findMany({ where: { projectId: project.id }, orderBy: { createdAt: "asc" } });
  expect(settled.map((p) => [p.judgeStatus, p.judgeLabel])).toEqual(
    specs.map((s) => ["AGREED", expectedAgreed(s).label]),
  );
});

it("closes, and settles, a judging run whose every judgment a worker stored before it died", async () => {
  const { project, admin, pairs } = await judgingProject(server, [{ qa: 2, qb: 9 }], { auditShare: 0 });
  const run = await startJudgingRun(project.id, admin.id);
  await judgedThenDied(run.id, pairs[0]!.pair.id, "B");

  // This worker has no task of the run to do: its heartbeat finds the run left open.
  await withWorker(async () => {
    expect((await waitForRun(run.id, 10_000)).status).toBe("COMPLETED");
  });
  const pair = await db.pair.findUniqueOrThrow({ where: { id: pairs[0]!.pair.id } });
  expect([pair.judgeStatus, pair.judgeLabel, pair.judgeConfidence]).toEqual(["AGREED", "B", 5]);
});

it("counts the pairs of a run that have no verdict yet, so the verdicts add up to the pairs", async () => {
  const { project, admin, pairs } = await judgingProject(
    server,
    [
      { qa: 2, qb: 9 },
      { qa: 7, qb: 1 },
    ],
    {
      auditShare: 0,
    },
  );
  const run = await startJudgingRun(project.id, admin.id);
  await judgedThenDied(run.id, pairs[0]!.pair.id, "B");
  await settleRunPairs(run.id);
  // The second pair's tasks have not run (no worker): no verdict yet.
  expect(await getRunVerdicts(run.id)).toMatchObject({ pairs: 2, agreed: 1, uncertain: 0, failed: 0, noVerdict: 1 });
});
