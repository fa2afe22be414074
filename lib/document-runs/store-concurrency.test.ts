import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { claimTasks } from "@/lib/jobs/queue";
import { startModelServer, type ModelServer } from "@/lib/testing/model-server";
import { startDocumentRun } from "./start";
import { storeChunkItems } from "./store-items";
import { documentProject } from "./test-helpers";

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer();
});
afterAll(async () => {
  await server.close();
});

const usage = { inputTokens: 10, outputTokens: 20, costUsd: 0.001, attempts: 1 };

const items = (t: number) =>
  Array.from({ length: 3 }, (_, i) => ({
    ok: true as const,
    instruction: `Question ${i} of chunk ${t}: what does the text ${t * 7 + i} say about rivers?`,
    answer: `The river ${t} shapes the valley number ${i}, season after season, as the text explains.`,
  }));

// A worker keeps 32 or more chunk tasks in flight; their stores queue on the run's lock. Here the
// lock is held for 6 s (by what stands for the stores ahead of them, or another worker's), longer
// than Prisma's default 5 s for an interactive transaction: stores that waited for it inside their
// transaction crashed with "Invalid `tx.docItem.count()` invocation" and their chunks were asked again.
it("stores the items of 32 chunks finishing at once while the run's lock is held for longer than 5 s", async () => {
  const { project, admin, generator } = await documentProject(server, { documents: 16, sentences: 60 });
  const run = await startDocumentRun(project.id, admin.id, { mode: "INSTRUCTIONS", generatorEndpointId: generator.id });
  const tasks = await claimTasks("test-worker", 32);
  expect(tasks.length).toBe(32);
  let locked!: () => void;
  const lockTaken = new Promise<void>((r) => (locked = r));
  const holder = db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`doc-run:${run.id}`}))`;
      locked();
      await new Promise((r) => setTimeout(r, 6000));
    },
    { timeout: 30_000 },
  );
  await lockTaken;
  const results = await Promise.allSettled(tasks.map((task, t) => storeChunkItems(task, items(t), usage)));
  await holder;
  const crashed = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason).split("\n").at(-1)] : []));
  expect(crashed).toEqual([]);
  expect(await db.docItem.count({ where: { runId: run.id } })).toBe(96);
  expect(await db.task.count({ where: { runId: run.id, status: "DONE" } })).toBe(32);
}, 120_000);
