import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startModelServer, type ModelServer } from "@/lib/testing/model-server";

// Short leases so that the killed worker's tasks are taken over within a couple of seconds.
process.env.GENERATION_LEASE_SECONDS = "2";
process.env.GENERATION_HEARTBEAT_MS = "400";
const { startDocumentRun } = await import("./start");
const { startWorker } = await import("@/lib/jobs/worker");
const { documentProject } = await import("./test-helpers");
const { killWorkerMidRun, waitForRun } = await import("@/lib/jobs/test-helpers");

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer({ latencyMs: 150 });
});
afterAll(async () => {
  await server.close();
});

it("finishes a preference run after its worker is killed mid-run, with no item or pair missing or twice", async () => {
  const { project, admin, generator, weak } = await documentProject(server, { documents: 4, concurrency: 6 });
  const run = await startDocumentRun(project.id, admin.id, {
    mode: "PREFERENCES",
    generatorEndpointId: generator.id,
    rejectedEndpointId: weak.id,
  });
  const chunks = await db.task.count({ where: { runId: run.id, itemIndex: null } });

  // Let it store some work and have calls in flight, then kill it without warning.
  const running = await killWorkerMidRun(
    run.id,
    async () => (await db.pair.count({ where: { projectId: project.id } })) >= 3,
  );
  expect(running).toBeGreaterThan(0); // it died holding work

  const worker = await startWorker({ concurrency: 12 });
  try {
    const done = await waitForRun(run.id, 30_000);
    expect(done.status).toBe("COMPLETED");
  } finally {
    await worker.stop(2000);
  }
  const items = await db.docItem.findMany({ where: { runId: run.id } });
  expect(items).toHaveLength(chunks * 3); // every chunk's items, once each
  expect(items.filter((i) => i.status === "PENDING")).toHaveLength(0);
  const kept = items.filter((i) => i.status === "KEPT");
  const pairs = await db.pair.findMany({ where: { projectId: project.id } });
  expect(pairs).toHaveLength(kept.length); // one pair per kept item, none twice
  expect(new Set(kept.map((i) => i.pairId))).toEqual(new Set(pairs.map((p) => p.id)));
  expect(await db.prompt.count({ where: { projectId: project.id } })).toBe(kept.length);
  const rejectedTasks = await db.task.count({ where: { runId: run.id, itemIndex: { not: null } } });
  // One rejected-answer task per item that passed the filters, never two.
  expect(rejectedTasks).toBe(kept.length + items.filter((i) => i.droppedAt === "NO_REJECTED").length);
}, 120_000);
