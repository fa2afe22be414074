import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { executeJudgment } from "@/lib/judging/execute-judgment";
import { generationConfig } from "./config";
import { EndpointGate } from "./endpoint-gate";
import { executeTask, taskContext } from "./execute-task";
import { renewSlots } from "./limits";
import { enqueueTasks, getBoss, type GenerationJob } from "./queue";
import { claimTasks, completeRunIfDone, reclaimOrphans, renewTaskLeases, type ClaimedTask } from "./task-state";

export interface Worker {
  id: string;
  /** Stops fetching, waits for calls in flight (up to `graceMs`), then returns. */
  stop(graceMs?: number): Promise<void>;
  stats(): { inFlight: number; done: number; failed: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A generation worker: fetches jobs from pg-boss while it has room, claims their tasks, runs
 * them, renews its leases on a heartbeat and gives orphaned tasks (of dead workers) back to the
 * queue. Any number of these may run, in one process or many, against one database.
 */
export async function startWorker(opts: { concurrency?: number; log?: (msg: string) => void } = {}): Promise<Worker> {
  const id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const concurrency = opts.concurrency ?? generationConfig.workerConcurrency;
  const log = opts.log ?? (() => {});
  const boss = await getBoss({ supervise: true });
  const gate = new EndpointGate(id);
  const ctx = taskContext();
  const inFlight = new Set<Promise<void>>();
  const perRun = new Map<string, number>();
  const toComplete: string[] = [];
  const counts = { done: 0, failed: 0 };
  let stopping = false;
  let wake: (() => void) | null = null;

  const flushCompleted = async () => {
    const ids = toComplete.splice(0);
    if (ids.length) await boss.complete(generationConfig.queue, ids).catch((e: Error) => log(`complete failed: ${e.message}`));
  };

  const run = (task: ClaimedTask) => {
    perRun.set(task.runId, (perRun.get(task.runId) ?? 0) + 1);
    // A judging run's tasks name the pair they judge.
    const p = (task.pairId ? executeJudgment : executeTask)(task, id, gate, ctx)
      .then((outcome) => {
        if (outcome === "done") counts.done++;
        if (outcome === "failed") counts.failed++;
      })
      .catch((err: Error) => log(`task ${task.id} crashed: ${err.message}`))
      .then(async () => {
        const left = (perRun.get(task.runId) ?? 1) - 1;
        perRun.set(task.runId, left);
        // This process's last task of the run: the run may be over (any worker may close it).
        if (left === 0) {
          perRun.delete(task.runId);
          await completeRunIfDone(task.runId).catch((err: Error) => log(`completion check failed: ${err.message}`));
        }
      })
      .finally(() => {
        inFlight.delete(p);
        wake?.();
      });
    inFlight.add(p);
  };

  // Fetch in batches rather than one job per finished task: each fetch is a query on pg-boss's table.
  const batchMin = Math.max(1, Math.min(16, Math.floor(concurrency / 4)));
  const fetchLoop = (async () => {
    while (!stopping) {
      const room = concurrency - inFlight.size;
      if (room <= 0 || (room < batchMin && inFlight.size > 0)) {
        await new Promise<void>((r) => (wake = r));
        wake = null;
        continue;
      }
      const jobs = await boss.fetch<GenerationJob>(generationConfig.queue, { batchSize: room }).catch(() => []);
      // Every fetched job is finished from pg-boss's side once claimed or found to be over:
      // the task row, not the job, is the record of the work.
      toComplete.push(...jobs.map((j) => j.id));
      const claimed = await claimTasks(
        jobs.map((j) => j.data.taskId),
        id,
      ).catch((err: Error) => (log(`claim failed: ${err.message}`), []));
      for (const task of claimed) run(task);
      if (toComplete.length >= 50) await flushCompleted();
      if (!jobs.length) {
        await flushCompleted();
        await sleep(generationConfig.pollMs);
      }
    }
  })();

  const heartbeat = setInterval(() => {
    void (async () => {
      await renewTaskLeases(id);
      await renewSlots(id, generationConfig.leaseSeconds);
      const orphans = await reclaimOrphans();
      if (orphans.length) {
        log(`taking over ${orphans.length} task(s) of a stopped worker`);
        await enqueueTasks(orphans);
      }
      await flushCompleted();
    })().catch((err: Error) => log(`heartbeat failed: ${err.message}`));
  }, generationConfig.heartbeatMs);

  return {
    id,
    stats: () => ({ inFlight: inFlight.size, ...counts }),
    async stop(graceMs = 10_000) {
      stopping = true;
      wake?.();
      await fetchLoop;
      await Promise.race([Promise.all(inFlight), sleep(graceMs)]);
      clearInterval(heartbeat);
      await flushCompleted();
    },
  };
}
