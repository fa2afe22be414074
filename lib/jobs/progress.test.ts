import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestEndpoint, createTestProject } from "@/lib/testing/factories";
import { getRunProgress, MIN_RATE_SECONDS, MIN_RATE_TASKS } from "./progress";
import { startWorker } from "./worker";
import { workerPresence } from "./workers-alive";

let fixture: { projectId: string; endpointId: string; userId: string; promptIds: string[] };
beforeAll(async () => {
  const project = await createTestProject();
  const endpoint = await createTestEndpoint();
  const promptIds: string[] = [];
  for (let i = 0; i < 20; i++) {
    const prompt = await db.prompt.create({ data: { projectId: project.id, text: `p${i}`, promptKey: `p${i}` } });
    promptIds.push(prompt.id);
  }
  fixture = { projectId: project.id, endpointId: endpoint.id, userId: project.createdById, promptIds };
});

/** A running generation run started `ageSeconds` ago with `done` tasks finished just now and 10 to go. */
async function runningRun(ageSeconds: number, done: number) {
  const run = await db.run.create({
    data: {
      projectId: fixture.projectId,
      createdById: fixture.userId,
      createdAt: new Date(Date.now() - ageSeconds * 1000),
    },
  });
  await db.task.createMany({
    data: fixture.promptIds.slice(0, done + 10).map((promptId, i) => ({
      runId: run.id,
      projectId: fixture.projectId,
      promptId,
      endpointId: fixture.endpointId,
      role: "STRONG" as const,
      sampleIndex: 0,
      status: i < done ? ("DONE" as const) : ("PENDING" as const),
    })),
  });
  return run.id;
}

describe("a run's ETA", () => {
  it("is not shown before the rate rests on enough finished tasks", async () => {
    const few = await getRunProgress(fixture.projectId, await runningRun(MIN_RATE_SECONDS * 4, MIN_RATE_TASKS - 1));
    expect(few.etaSeconds).toBeNull();
    const tooSoon = await getRunProgress(fixture.projectId, await runningRun(1, MIN_RATE_TASKS + 2));
    expect(tooSoon.throughput).toBeGreaterThan(0);
    expect(tooSoon.etaSeconds).toBeNull();
  });

  it("is shown once it does: the tasks left over the recent rate", async () => {
    const progress = await getRunProgress(fixture.projectId, await runningRun(20, 10));
    // 10 done over the last 20 s: 0.5 / s, so 10 left take about 20 s.
    expect(progress.throughput).toBeCloseTo(0.5, 1);
    expect(progress.etaSeconds).toBeGreaterThanOrEqual(19);
    expect(progress.etaSeconds).toBeLessThanOrEqual(21);
    expect(progress.durationSeconds).toBeNull();
  });
});

describe("the workers a running run counts on", () => {
  /** Waits, within a bound, for the count PostgreSQL lists to become what `want` accepts. */
  async function connected(want: (n: number) => boolean) {
    for (let i = 0; i < 400; i++) {
      const n = (await workerPresence()).answering;
      if (want(n)) return n;
      await new Promise((r) => setTimeout(r, 50));
    }
    return (await workerPresence()).answering;
  }

  it("are counted while they live: none before one starts, one while it runs, none once it stopped", async () => {
    const runId = await runningRun(10, 0);
    expect((await getRunProgress(fixture.projectId, runId)).workers).toMatchObject({ answering: 0, silent: 0 });
    await db.run.update({ where: { id: runId }, data: { status: "PAUSED" } });
    expect((await getRunProgress(fixture.projectId, runId)).workers).toBeNull();

    const worker = await startWorker({ concurrency: 1 });
    try {
      expect(await connected((n) => n > 0)).toBe(1);
    } finally {
      await worker.stop();
    }
    expect(await connected((n) => n === 0)).toBe(0);
  });
});
