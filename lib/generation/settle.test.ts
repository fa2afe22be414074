import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startModelServer, type ModelServer } from "@/lib/testing/model-server";

// Short leases and heartbeats, so that a run a dead worker left open is closed within a second.
process.env.GENERATION_LEASE_SECONDS = "2";
process.env.GENERATION_HEARTBEAT_MS = "200";
const { startRun } = await import("./runs");
const { withWorker } = await import("@/lib/jobs/test-fixture");
const { generationProject } = await import("./test-helpers");
const { waitForRun } = await import("@/lib/jobs/test-helpers");

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer({ latencyMs: 20 });
});
afterAll(() => server.close());

/**
 * What a worker that died between storing a prompt's candidates and pairing them leaves: the
 * candidates stored and their tasks done, and no pair.
 */
async function storedThenDied(runId: string, promptIds: string[]) {
  const tasks = await db.task.findMany({ where: { runId, promptId: { in: promptIds } } });
  for (const t of tasks)
    await db.candidate.create({
      data: {
        projectId: t.projectId,
        promptId: t.promptId!,
        source: "GENERATED",
        endpointId: t.endpointId,
        role: t.role,
        sampleIndex: t.sampleIndex,
        text: `Answer of ${t.role} to ${t.promptId}`,
        finishReason: "stop",
      },
    });
  await db.task.updateMany({
    where: { id: { in: tasks.map((t) => t.id) } },
    data: { status: "DONE", workerId: "dead-worker", updatedAt: new Date(Date.now() - 60_000) },
  });
}

it("pairs the candidates a worker stored before it died, when the run closes", async () => {
  const { project, admin } = await generationProject(server, { prompts: 6 });
  const run = await startRun(project.id, admin.id);
  const prompts = await db.prompt.findMany({ where: { projectId: project.id }, orderBy: { id: "asc" } });
  await storedThenDied(run.id, [prompts[0]!.id, prompts[1]!.id]);

  await withWorker(async () => {
    expect((await waitForRun(run.id, 30_000)).status).toBe("COMPLETED");
  });
  const pairs = await db.pair.findMany({ where: { projectId: project.id } });
  expect(new Set(pairs.map((p) => p.promptId))).toEqual(new Set(prompts.map((p) => p.id)));
});

it("closes, and pairs, a run whose last results a worker stored before it died", async () => {
  const { project, admin } = await generationProject(server, { prompts: 3 });
  const run = await startRun(project.id, admin.id);
  const prompts = await db.prompt.findMany({ where: { projectId: project.id } });
  await storedThenDied(
    run.id,
    prompts.map((p) => p.id),
  );

  // This worker has no task of the run to finish: its heartbeat finds the run left open.
  await withWorker(async () => {
    expect((await waitForRun(run.id, 10_000)).status).toBe("COMPLETED");
  });
  expect(await db.pair.count({ where: { projectId: project.id } })).toBe(3);
});

it("leaves open a run whose tasks are still going in, however many heartbeats pass", async () => {
  const { project, admin } = await generationProject(server, { prompts: 1 });
  // As startRun leaves it for a moment: the run recorded, its tasks not inserted yet.
  const starting = await db.run.create({ data: { projectId: project.id, createdById: admin.id } });
  await withWorker(async () => {
    await new Promise((r) => setTimeout(r, 1500)); // seven heartbeats
  });
  expect((await db.run.findUniqueOrThrow({ where: { id: starting.id } })).status).toBe("RUNNING");
  await db.run.delete({ where: { id: starting.id } });
});

it("closes a run left without tasks long after its start, which would block the project's next run", async () => {
  const { project, admin } = await generationProject(server, { prompts: 1 });
  // Its start died between recording the run and inserting its tasks, eleven minutes ago.
  const lost = await db.run.create({
    data: { projectId: project.id, createdById: admin.id, createdAt: new Date(Date.now() - 11 * 60_000) },
  });
  await withWorker(async () => {
    expect((await waitForRun(lost.id, 10_000)).status).toBe("COMPLETED");
  });
  expect((await startRun(project.id, admin.id)).status).toBe("RUNNING");
});
