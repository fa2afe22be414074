import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { RunKind } from "@/lib/generated/prisma/client";
import { createTestEndpoint, createTestProject } from "@/lib/testing/factories";
import { syncEndpointSlots } from "@/lib/endpoints/slots";
import { startModelServer } from "@/lib/testing/model-server";

// Short leases so a dead worker's tasks come back within a second or two; a poll so long that
// only a NOTIFY can wake an idle worker within the test.
process.env.GENERATION_LEASE_SECONDS = "1";
process.env.GENERATION_HEARTBEAT_MS = "300";
process.env.GENERATION_POLL_MS = "600000";
const { claimTasks, notifyWork } = await import("./queue");
const { registry } = await import("./registry");
const { startWorker } = await import("./worker");
const { waitForRun } = await import("./test-helpers");
const { getRunProgress } = await import("./progress");
const { retryFailed } = await import("./runs");
type Executor<K extends RunKind> = import("./types").Executor<K>;
type Worker = import("./worker").Worker;

let fixture: { projectId: string; promptId: string; endpointId: string; userId: string };
beforeAll(async () => {
  const project = await createTestProject();
  const endpoint = await createTestEndpoint();
  const prompt = await db.prompt.create({ data: { projectId: project.id, text: "p", promptKey: "p" } });
  fixture = { projectId: project.id, promptId: prompt.id, endpointId: endpoint.id, userId: project.createdById };
});

const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop(2000)));
  // Runs a test left behind must not feed the next test's workers.
  await db.run.updateMany({ where: { status: "RUNNING" }, data: { status: "CANCELLED" } });
});

/** A run of `kind` with `count` pending tasks, queued without waking anyone. */
async function runWithTasks(kind: RunKind, count: number) {
  const run = await db.run.create({ data: { projectId: fixture.projectId, kind, createdById: fixture.userId } });
  await db.task.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      runId: run.id,
      projectId: fixture.projectId,
      promptId: fixture.promptId,
      endpointId: fixture.endpointId,
      role: "STRONG" as const,
      sampleIndex: i,
    })),
  });
  return run;
}

/** A test-only executor: records which worker ran which task, and settles the task. */
function recorder<K extends RunKind>(
  kind: K,
  seen: { kind: RunKind; taskId: string; workerId: string }[],
): Executor<K> {
  return {
    kind,
    async execute(task, ctx) {
      seen.push({ kind, taskId: task.id, workerId: ctx.workerId });
      await new Promise((r) => setTimeout(r, 2)); // a call, briefly
      await db.task.update({ where: { id: task.id }, data: { status: "DONE", leasedUntil: null } });
      return "done";
    },
    usage: async () => ({ input: 0, output: 0, cost: 0 }),
  };
}

async function start(executors: Parameters<typeof startWorker>[0] = {}) {
  const worker = await startWorker({ concurrency: 16, ...executors });
  workers.push(worker);
  return worker;
}

/** Waits until a worker is LISTENing and has found nothing to claim, so only a NOTIFY can wake it. */
async function untilIdle() {
  for (let i = 0; i < 200; i++) {
    const [row] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`;
    if (row!.n > 0) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  await new Promise((r) => setTimeout(r, 300)); // its first, empty claim
}

describe("the job runtime", () => {
  it("has one executor per run kind, each of its own kind", () => {
    for (const [kind, executor] of Object.entries(registry)) expect(executor.kind).toBe(kind);
  });

  it("hands each task to the executor its run's kind names in the registry", async () => {
    const seen: { kind: RunKind; taskId: string; workerId: string }[] = [];
    const generation = await runWithTasks("GENERATION", 6);
    const judging = await runWithTasks("JUDGING", 4);
    await start({
      registry: { ...registry, GENERATION: recorder("GENERATION", seen), JUDGING: recorder("JUDGING", seen) },
    });
    await notifyWork();
    expect((await waitForRun(generation.id, 20_000)).status).toBe("COMPLETED");
    expect((await waitForRun(judging.id, 20_000)).status).toBe("COMPLETED");
    const tasksOf = async (runId: string) => (await db.task.findMany({ where: { runId } })).map((t) => t.id).sort();
    expect(
      seen
        .filter((s) => s.kind === "GENERATION")
        .map((s) => s.taskId)
        .sort(),
    ).toEqual(await tasksOf(generation.id));
    expect(
      seen
        .filter((s) => s.kind === "JUDGING")
        .map((s) => s.taskId)
        .sort(),
    ).toEqual(await tasksOf(judging.id));
  });

  it("takes a task whose executor threw again, so its run still ends", async () => {
    const seen: { kind: RunKind; taskId: string; workerId: string }[] = [];
    const run = await runWithTasks("GENERATION", 4);
    const thrown = new Set<string>();
    const settles = recorder("GENERATION", seen);
    await start({
      registry: {
        ...registry,
        GENERATION: {
          ...settles,
          // Each task's first try throws, as a store whose transaction timed out would.
          async execute(task, ctx) {
            if (!thrown.has(task.id)) {
              thrown.add(task.id);
              throw new Error("Transaction already closed: the transaction timed out");
            }
            return settles.execute(task, ctx);
          },
        },
      },
    });
    await notifyWork();
    expect((await waitForRun(run.id, 20_000)).status).toBe("COMPLETED");
    const tasks = await db.task.findMany({ where: { runId: run.id } });
    expect(tasks.map((t) => [t.status, t.attempts])).toEqual(tasks.map(() => ["DONE", 1]));
    expect(new Set(seen.map((s) => s.taskId)).size).toBe(4);
  });

  it("counts the tasks Retry failed put back as retried once they are done", async () => {
    const seen: { kind: RunKind; taskId: string; workerId: string }[] = [];
    const run = await runWithTasks("GENERATION", 3);
    await db.task.updateMany({
      where: { runId: run.id },
      data: { status: "FAILED", attempts: 1, errorKind: "connection", lastError: "connect ECONNREFUSED" },
    });
    await db.run.update({ where: { id: run.id }, data: { status: "FAILED", finishedAt: new Date() } });
    expect((await getRunProgress(fixture.projectId, run.id)).retried).toBe(0);
    await retryFailed(fixture.projectId, run.id);
    await start({ registry: { ...registry, GENERATION: recorder("GENERATION", seen) } });
    expect((await waitForRun(run.id, 20_000)).status).toBe("COMPLETED");
    expect((await getRunProgress(fixture.projectId, run.id)).retried).toBe(3);
  });

  it("never hands one task to two claims, and shares a claim between running runs", async () => {
    const a = await runWithTasks("GENERATION", 150);
    const b = await runWithTasks("GENERATION", 150);
    const fair = await claimTasks("fair", 10);
    expect(fair.filter((t) => t.runId === a.id)).toHaveLength(5);
    expect(fair.filter((t) => t.runId === b.id)).toHaveLength(5);
    // Eight workers claiming at once, more than there is.
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => claimTasks(`w${i}`, 50)));
    const ids = claims.flat().map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(290);
    expect(ids.some((id) => fair.some((t) => t.id === id))).toBe(false);
  });

  it("runs every task exactly once with several workers claiming in batches", async () => {
    const seen: { kind: RunKind; taskId: string; workerId: string }[] = [];
    const runs = [await runWithTasks("GENERATION", 300), await runWithTasks("JUDGING", 300)];
    const executors = {
      registry: { ...registry, GENERATION: recorder("GENERATION", seen), JUDGING: recorder("JUDGING", seen) },
    };
    const pool = await Promise.all([1, 2, 3, 4].map(() => start(executors)));
    await notifyWork();
    for (const run of runs) expect((await waitForRun(run.id, 50_000)).status).toBe("COMPLETED");
    const ids = seen.map((s) => s.taskId);
    expect(ids).toHaveLength(600);
    expect(new Set(ids).size).toBe(600); // 0 duplicates
    expect(await db.task.count({ where: { runId: { in: runs.map((r) => r.id) }, status: "DONE" } })).toBe(600); // 0 losses
    expect(new Set(seen.map((s) => s.workerId)).size).toBeGreaterThan(1);
    expect(pool.reduce((n, w) => n + w.stats().done, 0)).toBe(600);
  });

  it("takes over a killed worker's tasks once their lease runs out", async () => {
    const seen: { kind: RunKind; taskId: string; workerId: string }[] = [];
    const run = await runWithTasks("GENERATION", 12);
    // A worker that claimed these and died: it never renews nor finishes them.
    const held = await claimTasks("killed-worker", 12);
    expect(held).toHaveLength(12);
    const worker = await start({ registry: { ...registry, GENERATION: recorder("GENERATION", seen) } });
    expect((await waitForRun(run.id, 50_000)).status).toBe("COMPLETED");
    expect(seen.map((s) => s.taskId).sort()).toEqual(held.map((t) => t.id).sort());
    expect(seen.every((s) => s.workerId === worker.id)).toBe(true);
  });

  it("gives a task's place to another while it waits out a Retry-After", async () => {
    // Every call is refused with a 2 s Retry-After until the first refusal has been seen.
    const server = await startModelServer({ latencyMs: 0, retryAfterSeconds: 2, faults: { rate429: 1 } });
    try {
      const endpoint = await db.modelEndpoint.create({
        data: {
          name: `limited-${Date.now()}`,
          provider: "OPENAI_COMPATIBLE",
          baseUrl: server.baseUrl,
          modelId: "test-strong",
        },
      });
      await syncEndpointSlots(db, endpoint.id, 4);
      const run = await db.run.create({
        data: { projectId: fixture.projectId, kind: "GENERATION", createdById: fixture.userId },
      });
      await db.task.createMany({
        data: [0, 1].map((i) => ({
          runId: run.id,
          projectId: fixture.projectId,
          promptId: fixture.promptId,
          endpointId: endpoint.id,
          role: "STRONG" as const,
          sampleIndex: i,
        })),
      });
      const events: string[] = [];
      const settle = (id: string) =>
        db.task.update({ where: { id }, data: { status: "DONE", leasedUntil: null } }).then(() => "done" as const);
      // One place only: the first task calls; the second needs no call and settles at once.
      await start({
        concurrency: 1,
        registry: {
          ...registry,
          GENERATION: {
            ...recorder("GENERATION", []),
            async execute(task, ctx) {
              if (events.length > 0) {
                events.push("second task done");
                return settle(task.id);
              }
              events.push("call started");
              const refused = new Promise<void>((resolve) => {
                const poll = setInterval(() => {
                  if (!server.stats().byStatus["429"]) return;
                  clearInterval(poll);
                  resolve();
                }, 10);
              });
              const call = ctx.call(task, await ctx.endpoint(task), [{ role: "user", content: "hi" }], {});
              await refused;
              server.configure({ faults: { rate429: 0 } });
              const attempt = await call;
              events.push(attempt.ok === true ? "call answered" : "call failed");
              return settle(task.id);
            },
          },
        },
      });
      await notifyWork();
      expect((await waitForRun(run.id, 20_000)).status).toBe("COMPLETED");
      // Without the place given back, the second task would wait for the whole back-off and the answer.
      expect(events).toEqual(["call started", "second task done", "call answered"]);
    } finally {
      await server.close();
    }
  });

  it(
    "wakes an idle worker by NOTIFY when tasks are queued, without waiting for its poll",
    { timeout: 60_000 },
    async () => {
      const seen: { kind: RunKind; taskId: string; workerId: string }[] = [];
      await start({ registry: { ...registry, GENERATION: recorder("GENERATION", seen) } });
      await untilIdle();
      const run = await runWithTasks("GENERATION", 5);
      await notifyWork();
      // The poll is ten minutes away: only the notification can have started these.
      expect((await waitForRun(run.id, 30_000)).status).toBe("COMPLETED");
      expect(seen).toHaveLength(5);
    },
  );
});
