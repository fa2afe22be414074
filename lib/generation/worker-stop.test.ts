import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startModelServer, type ModelServer } from "@/lib/testing/model-server";
import { startRun } from "./runs";
import { generationProject } from "./test-helpers";
import { signalWorkerMidRun, waitForRun } from "@/lib/jobs/test-helpers";
import { startWorker } from "@/lib/jobs/worker";

// Calls long enough to be caught in flight.
let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer({ latencyMs: 1000 });
});
afterAll(async () => {
  await server.close();
});
// A run a test left with tasks to do must not feed the next test's workers.
afterEach(async () => {
  await db.run.updateMany({ where: { status: "RUNNING" }, data: { status: "CANCELLED" } });
});

it("finishes its calls in flight when stopped with SIGTERM, and holds no task after", async () => {
  const { project, admin } = await generationProject(server, { prompts: 4, concurrency: 2 });
  const run = await startRun(project.id, admin.id);
  let inCalls = 0;
  const stopped = await signalWorkerMidRun(run.id, async () => (inCalls = server.stats().inFlight) > 0, "SIGTERM");
  expect(stopped.output).toContain("SIGTERM received, finishing calls in flight");
  expect(stopped.code).toBe(0);
  // Every call it had begun was answered and its candidate stored; nothing is left held until a lease runs out.
  expect(await db.candidate.count({ where: { projectId: project.id } })).toBeGreaterThanOrEqual(inCalls);
  expect(await db.task.count({ where: { runId: run.id, status: "RUNNING" } })).toBe(0);
});

it("gives back at once the tasks it claimed whose call had not begun, to be done once by another worker", async () => {
  // One call at a time per endpoint: of the twelve tasks it claims, ten wait for a slot.
  const { project, admin } = await generationProject(server, { prompts: 6, concurrency: 1 });
  const run = await startRun(project.id, admin.id);
  server.resetStats();
  const first = await startWorker({ concurrency: 16 });
  const held = () => db.task.count({ where: { runId: run.id, status: "RUNNING", workerId: first.id } });
  for (let i = 0; (await held()) < 12 || server.stats().inFlight < 2; i++) {
    if (i > 200) throw new Error("the worker never claimed the run's tasks");
    await new Promise((r) => setTimeout(r, 25));
  }

  await first.stop(10_000);
  const tasks = await db.task.findMany({ where: { runId: run.id } });
  // Its two calls in flight were finished; the rest are free for anyone, with no attempt counted.
  expect(tasks.filter((t) => t.status === "DONE")).toHaveLength(2);
  const givenBack = tasks.filter((t) => t.status !== "DONE");
  expect(givenBack).toHaveLength(10);
  for (const t of givenBack)
    expect(t).toMatchObject({ status: "PENDING", workerId: null, leasedUntil: null, attempts: 0 });
  expect(server.stats().requests).toBe(2);

  const second = await startWorker({ concurrency: 16 });
  try {
    expect((await waitForRun(run.id, 30_000)).status).toBe("COMPLETED");
  } finally {
    await second.stop(2000);
  }
  const perSlot = await db.candidate.groupBy({
    by: ["promptId", "role", "sampleIndex"],
    where: { projectId: project.id },
    _count: true,
  });
  expect(perSlot).toHaveLength(12);
  expect(perSlot.every((g) => g._count === 1)).toBe(true); // none twice
  expect(server.stats()).toMatchObject({ requests: 12, duplicateSuccesses: 0 });
  expect(await db.pair.count({ where: { projectId: project.id } })).toBe(6);
  const attempts = await db.task.findMany({ where: { runId: run.id }, select: { status: true, attempts: true } });
  expect(attempts).toEqual(attempts.map(() => ({ status: "DONE", attempts: 1 })));
});
