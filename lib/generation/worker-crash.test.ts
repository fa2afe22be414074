import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startModelServer, type ModelServer } from "@/lib/testing/model-server";

// Short leases so that the killed worker's tasks are taken over within a couple of seconds.
process.env.GENERATION_LEASE_SECONDS = "2";
process.env.GENERATION_HEARTBEAT_MS = "400";
const { startRun } = await import("./runs");
const { startWorker } = await import("@/lib/jobs/worker");
const { generationProject } = await import("./test-helpers");
const { killWorkerMidRun, waitForRun } = await import("@/lib/jobs/test-helpers");

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer({ latencyMs: 150 });
});
afterAll(async () => {
  await server.close();
});

it("finishes a run after its worker is killed mid-call, with no duplicate and no missing candidate", async () => {
  const { project, admin } = await generationProject(server, { prompts: 40, concurrency: 6 });
  const run = await startRun(project.id, admin.id);

  // Let it store some work and have calls in flight, then kill it without warning.
  const running = await killWorkerMidRun(
    run.id,
    async () => (await db.candidate.count({ where: { projectId: project.id } })) >= 15,
  );
  expect(running).toBeGreaterThan(0); // it died holding work
  const before = await db.candidate.count({ where: { projectId: project.id } });
  expect(before).toBeLessThan(80);

  const worker = await startWorker({ concurrency: 12 });
  try {
    expect((await waitForRun(run.id, 90_000)).status).toBe("COMPLETED");
  } finally {
    await worker.stop(2000);
  }
  const perSlot = await db.candidate.groupBy({
    by: ["promptId", "role", "sampleIndex"],
    where: { projectId: project.id },
    _count: true,
  });
  expect(perSlot).toHaveLength(80); // none missing
  expect(perSlot.every((g) => g._count === 1)).toBe(true); // none twice
  expect(await db.pair.count({ where: { projectId: project.id } })).toBe(40);
  const tasks = await db.task.groupBy({ by: ["status"], where: { runId: run.id }, _count: true });
  expect(tasks).toEqual([{ status: "DONE", _count: 80 }]);
}, 120_000);
