import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startModelServer, type ModelServer } from "@/lib/testing/model-server";
import { startRun } from "./runs";
import { generationProject } from "./test-helpers";
import { signalWorkerMidRun } from "@/lib/jobs/test-helpers";

// Calls long enough to be caught in flight.
let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer({ latencyMs: 1000 });
});
afterAll(async () => {
  await server.close();
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
}, 60_000);
