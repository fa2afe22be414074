import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createTestEndpoint, createTestProject } from "@/lib/testing/factories";

// A database that goes away for a moment while a worker runs tasks: what the worker could not
// write then (a crashed task's requeue, a slot's release, a run's state) must not stay held for
// ever once the database is back. The outage is played by making those statements fail.

process.env.GENERATION_LEASE_SECONDS = "1";
process.env.GENERATION_HEARTBEAT_MS = "300";
process.env.GENERATION_POLL_MS = "600000";

const outage = vi.hoisted(() => ({ requeue: 0, releaseSlot: 0 }));
const refused = () => new Error("Can't reach database server at 127.0.0.1:5432\nPlease make sure it is running.");
vi.mock("./queue", async (original) => {
  const real = await original<typeof import("./queue")>();
  return {
    ...real,
    requeueCrashedTask: async (...args: Parameters<typeof real.requeueCrashedTask>) => {
      if (outage.requeue > 0 && outage.requeue--) throw refused();
      return real.requeueCrashedTask(...args);
    },
  };
});
vi.mock("./limits", async (original) => {
  const real = await original<typeof import("./limits")>();
  return {
    ...real,
    releaseSlot: async (...args: Parameters<typeof real.releaseSlot>) => {
      if (outage.releaseSlot > 0 && outage.releaseSlot--) throw refused();
      return real.releaseSlot(...args);
    },
  };
});

const { claimTasks, notifyWork, reclaimOrphans, renewLeases } = await import("./queue");
const { registry } = await import("./registry");
const { startWorker } = await import("./worker");
const { waitForRun } = await import("./test-helpers");
const { EndpointGate } = await import("./endpoint-gate");
const { callWithinLimits } = await import("./call");
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
  await db.run.updateMany({ where: { status: "RUNNING" }, data: { status: "CANCELLED" } });
  Object.assign(outage, { requeue: 0, releaseSlot: 0 });
});

async function runWithTasks(count: number) {
  const run = await db.run.create({
    data: { projectId: fixture.projectId, kind: "GENERATION", createdById: fixture.userId },
  });
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

const within = <T>(p: Promise<T>, ms = 3000) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))]);

describe("a worker after a database outage", () => {
  it(
    "lets go of a crashed task it could not requeue, and takes it again once its lease runs out",
    {
      timeout: 30_000,
    },
    async () => {
      const run = await runWithTasks(3);
      const thrown = new Set<string>();
      outage.requeue = 1;
      const worker = await startWorker({
        concurrency: 4,
        registry: {
          ...registry,
          GENERATION: {
            ...registry.GENERATION,
            // The first try of one task fails as its store meets the outage; so does its requeue.
            async execute(task) {
              if (thrown.size === 0) {
                thrown.add(task.id);
                throw refused();
              }
              await db.task.update({ where: { id: task.id }, data: { status: "DONE", leasedUntil: null } });
              return "done";
            },
            settle: undefined,
          },
        },
      });
      workers.push(worker);
      await notifyWork();
      // Renewed for ever under the worker's id, the task stayed RUNNING and the run never ended.
      expect((await waitForRun(run.id, 20_000)).status).toBe("COMPLETED");
      expect(await db.task.count({ where: { runId: run.id, status: "DONE" } })).toBe(3);
      expect(worker.stats()).toMatchObject({ done: 3 });
    },
  );

  it("renews only the leases of what it holds, and sweeps up its own tasks it let go of", async () => {
    const run = await runWithTasks(2);
    const [kept, lost] = (await claimTasks("worker-a", 2)) as unknown as [{ id: string }, { id: string }];
    await db.task.updateMany({ where: { runId: run.id }, data: { leasedUntil: new Date(Date.now() - 60_000) } });
    await renewLeases("worker-a", { tasks: [kept.id], slots: [] });
    const leases = await db.task.findMany({ where: { runId: run.id }, select: { id: true, leasedUntil: true } });
    const until = new Map(leases.map((t) => [t.id, t.leasedUntil!.getTime()]));
    expect(until.get(kept.id)).toBeGreaterThan(Date.now());
    expect(until.get(lost.id)).toBeLessThan(Date.now());
    expect(await reclaimOrphans("worker-a", [kept.id])).toBe(1);
    expect(await db.task.findUniqueOrThrow({ where: { id: lost.id } })).toMatchObject({
      status: "PENDING",
      workerId: null,
    });
    expect(await db.task.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({ status: "RUNNING" });
  });
});

describe("an endpoint's places after a database outage", () => {
  async function endpointWithSlots(limit: number) {
    const e = await db.modelEndpoint.create({
      data: {
        name: `outage-${Math.random()}`,
        provider: "OPENAI_COMPATIBLE",
        baseUrl: "http://127.0.0.1:1/v1",
        modelId: "m",
        concurrencyLimit: limit,
      },
    });
    await db.endpointSlot.createMany({
      data: Array.from({ length: limit }, (_, slot) => ({ endpointId: e.id, slot })),
    });
    return e;
  }

  it("gives a call's place back when the run's state cannot be read", async () => {
    const endpoint = await endpointWithSlots(1);
    const gate = new EndpointGate("worker-a");
    const runs = {
      get: async () => {
        throw refused();
      },
    };
    const task = { id: "t", runId: "r", claimedAt: Date.now() };
    await expect(
      callWithinLimits(
        { workerId: "worker-a", gate, runs } as unknown as Parameters<typeof callWithinLimits>[0],
        task as unknown as Parameters<typeof callWithinLimits>[1],
        { id: endpoint.id, concurrencyLimit: 1, requestsPerMinute: null } as unknown as Parameters<
          typeof callWithinLimits
        >[2],
        [],
        {},
      ),
    ).rejects.toThrow(/reach database/);
    // Kept, the place was lost to this worker for good: the next call waited for ever.
    const next = await within(gate.acquire(endpoint.id, 1, null));
    await next.release();
    await gate.close();
  });

  it("forgets a slot the table could not take back, so its lease runs out instead of being renewed", async () => {
    const endpoint = await endpointWithSlots(1);
    const gate = new EndpointGate("worker-a");
    const lease = await gate.acquire(endpoint.id, 1, null);
    expect(gate.held()).toEqual([{ endpointId: endpoint.id, slot: 0 }]);
    // Kept idle a moment after the call, then given back to the table, which refuses.
    outage.releaseSlot = 1;
    await lease.release();
    await new Promise((r) => setTimeout(r, 200));
    expect(outage.releaseSlot).toBe(0);
    expect(gate.held()).toEqual([]);
    // Still this worker's in the table, its lease not renewed: it runs out and the slot is free.
    for (let beat = 0; beat < 4; beat++) {
      await renewLeases("worker-a", { tasks: [], slots: gate.held() });
      await new Promise((r) => setTimeout(r, 300));
    }
    const row = await db.endpointSlot.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(row.holder).toBe("worker-a");
    expect(row.leasedUntil.getTime()).toBeLessThan(Date.now());
    await gate.close();
  });
});
