import "server-only";
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import os from "node:os";
import { db } from "@/lib/db";
import type { RunKind } from "@/lib/generated/prisma/client";
import { getEndpointForCall } from "@/lib/endpoints/endpoint-for-call";
import { callWithinLimits, type CallScope } from "./call";
import { jobsConfig } from "./config";
import { EndpointGate } from "./endpoint-gate";
import { errorLine } from "@/lib/error-line";
import {
  claimTasks,
  completeRunIfDone,
  failTask,
  hasOpenTasks,
  notifyWork,
  reclaimOrphans,
  renewLeases,
  requeueCrashedTask,
  unclosedRuns,
} from "./queue";
import { registry as appRegistry, type Registry } from "./registry";
import { RunStateCache } from "./run-state";
import { ttlCache } from "./ttl-cache";
import type { ClaimedTask, TaskContext } from "./types";
import { listenForWork, WakeSignal } from "./wake";
import { clip } from "@/lib/clip";

export interface Worker {
  id: string;
  /**
   * Stops claiming, gives back the tasks it claimed whose call has not begun, waits for calls in
   * flight (up to `graceMs`), then returns.
   */
  stop(graceMs?: number): Promise<void>;
  stats(): { inFlight: number; done: number; failed: number };
}

export interface WorkerOptions {
  concurrency?: number;
  log?: (msg: string) => void;
  /** The executor of each run kind; the app's registry unless a test brings its own. */
  registry?: Registry;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What an executor gets for its tasks. Project and endpoint settings are cached by id and version
 * (their updatedAt, read by the claim), so an edit applies to the next task claimed.
 */
function taskContext(scope: CallScope): TaskContext {
  const project = ttlCache(60_000, (key) => db.project.findUniqueOrThrow({ where: { id: key.split("|")[0] } }));
  const endpoint = ttlCache(60_000, (key) => getEndpointForCall(key.split("|")[0]!));
  return {
    workerId: scope.workerId,
    project: (task) => project(`${task.projectId}|${+task.projectVersion}`),
    endpoint: (task) => endpoint(`${task.endpointId}|${+task.endpointVersion}`),
    call: ((task, ep, messages, overrides, attemptsBefore, output) =>
      callWithinLimits(scope, task, ep, messages, overrides, attemptsBefore, output)) as TaskContext["call"],
    fail: async (task, kind, message, attempts) => {
      await failTask(task.id, kind, message, attempts);
      return "failed";
    },
  };
}

/**
 * A worker: claims tasks of running runs from the task table while it has room, in batches,
 * hands each to the executor of its run's kind, renews its leases on a heartbeat and puts
 * orphaned tasks (of dead workers) back. Idle, it sleeps until a NOTIFY says there is work (or
 * the poll interval passes). Any number may run, in one process or many, against one database.
 */
export async function startWorker(opts: WorkerOptions = {}): Promise<Worker> {
  const id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const concurrency = opts.concurrency ?? jobsConfig.workerConcurrency;
  const log = opts.log ?? (() => {});
  const executors = opts.registry ?? appRegistry;
  const gate = new EndpointGate(id);
  const runs = new RunStateCache();
  const stopCalls = new AbortController();
  // One listener per task waiting for an endpoint slot, each removed when its wait ends.
  setMaxListeners(0, stopCalls.signal);
  const scope: CallScope = { workerId: id, gate, runs, stopping: stopCalls.signal };
  const ctx = taskContext(scope);
  const inFlight = new Set<Promise<void>>();
  /** The tasks this worker is working on: the heartbeat renews these leases, and only these. */
  const holding = new Set<string>();
  const perRun = new Map<string, number>();
  const counts = { done: 0, failed: 0 };
  const signal = new WakeSignal();
  const listener = listenForWork(
    () => signal.wake(),
    log,
    (runId) => runs.invalidate(runId),
  );
  let stopping = false;

  // Closes a run none of whose tasks is left to do, once its kind has settled what a worker that
  // died midway may have left undone.
  const closeIfDone = async (runId: string, kind: RunKind) => {
    if (await hasOpenTasks(runId)) return;
    await executors[kind].settle?.(runId);
    await completeRunIfDone(runId);
  };

  // Tasks in their model call: what `concurrency` bounds. A task storing its result holds no
  // endpoint slot and waits only for the database, so it leaves room for the next task to queue
  // for the slot; otherwise each store's few hundred milliseconds under load left calls unmade.
  // A task waiting out a back-off (a 429's Retry-After, say) leaves room too: with 10% of calls
  // refused, those waits kept about a sixth of the places empty.
  let calling = 0;
  const run = (task: ClaimedTask) => {
    holding.add(task.id);
    perRun.set(task.runId, (perRun.get(task.runId) ?? 0) + 1);
    let inCall = true;
    calling++;
    const leaveCall = () => {
      if (!inCall) return;
      inCall = false;
      calling--;
      signal.wake();
    };
    const enterCall = () => {
      if (!inCall) [inCall, calling] = [true, calling + 1];
    };
    const own: TaskContext = {
      ...ctx,
      // A second call of the task (a judge's repair) counts again while it lasts.
      call: (async (task, endpoint, messages, overrides, attemptsBefore, output) => {
        enterCall();
        try {
          const backOff = async (ms: number) => {
            leaveCall();
            await sleep(ms);
            enterCall();
          };
          return await callWithinLimits(
            { ...scope, backOff },
            task,
            endpoint,
            messages,
            overrides,
            attemptsBefore,
            output,
          );
        } finally {
          leaveCall();
        }
      }) as TaskContext["call"],
    };
    // Started inside a promise, so a task whose executor throws at once fails alone, not the claim loop.
    const p = Promise.resolve()
      .then(() => executors[task.kind].execute(task, own))
      .then(async (outcome) => {
        if (outcome === "done") counts.done++;
        if (outcome === "failed") counts.failed++;
        // Given back as this worker stops: idle workers take it now, not at their next poll.
        if (outcome === "released" && stopCalls.signal.aborted) await notifyWork().catch(() => undefined);
      })
      .catch(async (err: Error) => {
        // Not requeued (the database unreachable, say): once this worker lets go of it below,
        // its lease runs out and a heartbeat's orphan sweep, this worker's own included, takes it.
        const requeued = await requeueCrashedTask(task.id, id, clip(err.message, 500)).then(
          () => "",
          (e: Error) => `; not requeued (${errorLine(e)}): taken again once its lease runs out`,
        );
        log(`task ${task.id} crashed: ${errorLine(err)}${requeued}`);
        await notifyWork().catch(() => undefined);
      })
      .then(async () => {
        holding.delete(task.id);
        const left = (perRun.get(task.runId) ?? 1) - 1;
        perRun.set(task.runId, left);
        // This process's last task of the run: the run may be over (any worker may close it).
        if (left === 0) {
          perRun.delete(task.runId);
          await closeIfDone(task.runId, task.kind).catch((err: Error) =>
            log(`completion check failed: ${errorLine(err)}`),
          );
        }
      })
      .finally(() => {
        inFlight.delete(p);
        leaveCall();
        signal.wake();
      });
    inFlight.add(p);
  };

  // Claim in batches rather than one task per finished one: each claim is a statement. Results
  // still being stored count too, up to as many again, so a stalled database slows claims down.
  const batchMin = Math.max(1, Math.min(16, Math.floor(concurrency / 4)));
  let claimFailures = 0;
  const claimLoop = (async () => {
    while (!stopping) {
      const room = Math.min(concurrency - calling, 2 * concurrency - inFlight.size);
      if (room <= 0 || (room < batchMin && inFlight.size > 0)) {
        await signal.wait();
        continue;
      }
      let claimed: ClaimedTask[];
      try {
        claimed = await claimTasks(id, room);
        if (claimFailures) log(`claiming again after ${claimFailures} failed claim${claimFailures === 1 ? "" : "s"}`);
        claimFailures = 0;
      } catch (err) {
        // The database is unreachable or stalled: ask again after a growing pause (up to the
        // poll interval), not at every finished task's wake-up; the first failure is logged.
        if (claimFailures === 0) log(`claim failed: ${errorLine(err)} (trying again, less and less often)`);
        await sleep(Math.min(jobsConfig.pollMs, 250 * 2 ** Math.min(claimFailures++, 6)));
        continue;
      }
      for (const task of claimed) {
        runs.seen(task.runId, task.endpointId, task.endpointStoppedBy, task.claimedAt);
        run(task);
      }
      if (!claimed.length && !stopping) await signal.wait(jobsConfig.pollMs);
    }
  })();

  // One sweep of unclosed runs at a time: settling a large run may outlast a heartbeat.
  let sweeping = false;
  const heartbeat = setInterval(() => {
    void (async () => {
      await renewLeases(id, { tasks: [...holding], slots: gate.held() });
      const orphans = await reclaimOrphans(id, [...holding]);
      if (orphans) {
        log(`taking back ${orphans} task(s) whose lease ran out (a worker stopped, or lost track of them)`);
        await notifyWork();
      }
      // A worker that died right after storing a run's last results left the run open.
      if (sweeping) return;
      sweeping = true;
      try {
        for (const r of await unclosedRuns()) await closeIfDone(r.id, r.kind);
      } finally {
        sweeping = false;
      }
    })().catch((err: Error) => log(`heartbeat failed: ${errorLine(err)}`));
  }, jobsConfig.heartbeatMs);

  return {
    id,
    stats: () => ({ inFlight: inFlight.size, ...counts }),
    async stop(graceMs = 10_000) {
      stopping = true;
      signal.wake();
      await claimLoop;
      // Tasks claimed whose call has not begun go back to the queue now; calls in flight finish.
      stopCalls.abort();
      await Promise.race([Promise.all(inFlight), sleep(graceMs)]);
      clearInterval(heartbeat);
      await listener.close();
      await gate.close();
    },
  };
}
