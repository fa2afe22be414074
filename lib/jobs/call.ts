import "server-only";
import type { EndpointForCall } from "@/lib/endpoints/endpoint-for-call";
import { callModel } from "@/lib/models/call";
import { classifyModelError } from "@/lib/models/errors";
import { backoffMs, MAX_ATTEMPTS } from "@/lib/models/retry";
import type { ChatMessage, SamplingParams } from "@/lib/models/types";
import { jobsConfig } from "./config";
import type { EndpointGate } from "./endpoint-gate";
import { failTask, recordAttempt, releaseTask, stopEndpoint, stoppedMessage } from "./queue";
import type { RunStateCache } from "./run-state";
import type { CallAttempt, ClaimedTask, ModeRefused, OutputOptions } from "./types";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What one worker shares between the calls of all its tasks. */
export interface CallScope {
  workerId: string;
  gate: EndpointGate;
  runs: RunStateCache;
  /**
   * How a call waits out its back-off before the next attempt (default: a plain timer). The
   * worker passes one that counts the task as not calling meanwhile, so its place goes to a task
   * that can call now instead of sitting idle behind a Retry-After.
   */
  backOff?: (ms: number) => Promise<void>;
  /**
   * Aborted when the worker stops. A task whose first call has not begun (waiting for an endpoint
   * slot, say) then goes back to the queue at once, for another worker, rather than holding its
   * claim until the lease runs out; calls already made go on to their end.
   */
  stopping?: AbortSignal;
}

/**
 * One model call for a claimed task, within the endpoint's shared limits: retries what retrying
 * can fix (with back-off, honouring Retry-After), gives the task back when its run is paused or
 * cancelled, and fails it (stopping the endpoint's part of the run) on an error retrying cannot
 * fix. `attemptsBefore` counts calls the task already made (a judge's repair call follows its first).
 */
export async function callWithinLimits(
  scope: CallScope,
  task: ClaimedTask,
  endpoint: EndpointForCall,
  messages: ChatMessage[],
  overrides: SamplingParams,
  attemptsBefore = 0,
  output: OutputOptions = {},
): Promise<CallAttempt | ModeRefused> {
  const fail = async (kind: string, message: string, attempts: number) => {
    await failTask(task.id, kind, message, attempts);
    return { ok: false as const, outcome: "failed" as const };
  };
  // Back to the queue untouched, attempts unchanged: its run was paused or cancelled, or the worker is stopping.
  const giveBack = async () => {
    await releaseTask(task.id, scope.workerId);
    return { ok: false as const, outcome: "released" as const };
  };
  for (let attempt = 1; ; attempt++) {
    const used = attemptsBefore + attempt;
    // Only a task that has not called yet is given back when the worker stops.
    const stopping = used === 1 ? scope.stopping : undefined;
    let lease;
    try {
      lease = await scope.gate.acquire(endpoint.id, endpoint.concurrencyLimit, endpoint.requestsPerMinute, {
        first: attempt > 1,
        signal: stopping,
      });
    } catch (err) {
      if (stopping?.aborted) return giveBack();
      throw err;
    }
    let state;
    try {
      state = await scope.runs.get(task.runId, endpoint.id, task.claimedAt);
    } catch (err) {
      // The run's state could not be read (the database unreachable): the place goes back, or
      // this worker would be one place short at the endpoint for good.
      await lease.release();
      throw err;
    }
    if (!state.active || stopping?.aborted) {
      await lease.release();
      return giveBack();
    }
    if (state.stoppedBy) {
      await lease.release();
      return fail("endpoint_stopped", stoppedMessage(endpoint.name, state.stoppedBy), used - 1);
    }
    try {
      const result = await callModel({
        endpoint,
        messages,
        overrides,
        timeoutMs: jobsConfig.callTimeoutMs,
        structured: output.structured,
      });
      await lease.release();
      return { ok: true, result, attempts: used };
    } catch (err) {
      await lease.release();
      const e = classifyModelError(err, { secrets: [endpoint.apiKey] });
      if (output.refusesMode?.(e)) return { ok: "mode_refused", error: e, attempts: used };
      if (!e.retryable) {
        scope.runs.stop(task.runId, endpoint.id, e.message);
        const failed = await fail(e.kind, e.message, used);
        await stopEndpoint(task.runId, endpoint.id, endpoint.name, e.message);
        return failed;
      }
      if (attempt >= MAX_ATTEMPTS) return fail(e.kind, e.message, used);
      await recordAttempt(task.id, used, e.kind, e.message);
      await (scope.backOff ?? sleep)(backoffMs(attempt, e.retryAfterMs));
    }
  }
}
