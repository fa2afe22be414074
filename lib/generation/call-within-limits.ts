import "server-only";
import { db } from "@/lib/db";
import type { EndpointForCall } from "@/lib/endpoints/endpoint-for-call";
import { callModel, type CallModelResult, type StructuredRequest } from "@/lib/models/call";
import { classifyModelError, type ModelErrorInfo } from "@/lib/models/errors";
import { backoffMs, MAX_ATTEMPTS } from "@/lib/models/retry";
import type { ChatMessage, SamplingParams } from "@/lib/models/types";
import { generationConfig } from "./config";
import type { EndpointGate } from "./endpoint-gate";
import type { TaskContext } from "./execute-task";
import { releaseTask, stopEndpoint, stoppedMessage, type ClaimedTask } from "./task-state";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type TaskOutcome = "done" | "failed" | "released";

export async function failTask(task: ClaimedTask, kind: string, message: string, attempts?: number): Promise<TaskOutcome> {
  await db.generationTask.update({
    where: { id: task.id },
    data: { status: "FAILED", leasedUntil: null, errorKind: kind, lastError: message, attempts },
  });
  return "failed";
}

export type CallAttempt = { ok: true; result: CallModelResult; attempts: number } | { ok: false; outcome: TaskOutcome };
/** The server refused the way the output was asked for; the task stays claimed for another try. */
export type ModeRefused = { ok: "mode_refused"; error: ModelErrorInfo; attempts: number };

export interface OutputOptions {
  structured?: StructuredRequest;
  /** An error this says yes to is handed back instead of failing the task and stopping the endpoint. */
  refusesMode?: (error: ModelErrorInfo) => boolean;
}

/**
 * One model call for a claimed task, within the endpoint's shared limits: retries what retrying
 * can fix (with back-off), gives the task back when its run is paused or cancelled, and fails it
 * (stopping the endpoint's part of the run) on an error retrying cannot fix. `attemptsBefore`
 * counts calls the task already made (a judge's repair call follows its first call).
 */
export async function callWithinLimits(
  task: ClaimedTask,
  workerId: string,
  gate: EndpointGate,
  ctx: TaskContext,
  endpoint: EndpointForCall,
  messages: ChatMessage[],
  overrides: SamplingParams,
  attemptsBefore?: number,
): Promise<CallAttempt>;
export async function callWithinLimits(
  task: ClaimedTask,
  workerId: string,
  gate: EndpointGate,
  ctx: TaskContext,
  endpoint: EndpointForCall,
  messages: ChatMessage[],
  overrides: SamplingParams,
  attemptsBefore: number,
  output: OutputOptions,
): Promise<CallAttempt | ModeRefused>;
export async function callWithinLimits(
  task: ClaimedTask,
  workerId: string,
  gate: EndpointGate,
  ctx: TaskContext,
  endpoint: EndpointForCall,
  messages: ChatMessage[],
  overrides: SamplingParams,
  attemptsBefore = 0,
  output: OutputOptions = {},
): Promise<CallAttempt | ModeRefused> {
  for (let attempt = 1; ; attempt++) {
    const used = attemptsBefore + attempt;
    const lease = await gate.acquire(endpoint.id, endpoint.concurrencyLimit, endpoint.requestsPerMinute);
    const state = await ctx.runs.get(task.runId, endpoint.id, task.claimedAt);
    if (!state.active) {
      await lease.release();
      await releaseTask(task.id, workerId);
      return { ok: false, outcome: "released" };
    }
    if (state.stoppedBy) {
      await lease.release();
      return { ok: false, outcome: await failTask(task, "endpoint_stopped", stoppedMessage(endpoint.name, state.stoppedBy), used - 1) };
    }
    try {
      const result = await callModel({ endpoint, messages, overrides, timeoutMs: generationConfig.callTimeoutMs, structured: output.structured });
      await lease.release();
      return { ok: true, result, attempts: used };
    } catch (err) {
      await lease.release();
      const e = classifyModelError(err, { secrets: [endpoint.apiKey] });
      if (output.refusesMode?.(e)) return { ok: "mode_refused", error: e, attempts: used };
      if (!e.retryable) {
        ctx.runs.stop(task.runId, endpoint.id, e.message);
        const outcome = await failTask(task, e.kind, e.message, used);
        await stopEndpoint(task.runId, endpoint.id, endpoint.name, e.message);
        return { ok: false, outcome };
      }
      if (attempt >= MAX_ATTEMPTS) return { ok: false, outcome: await failTask(task, e.kind, e.message, used) };
      await db.generationTask.update({ where: { id: task.id }, data: { attempts: used, lastError: e.message, errorKind: e.kind } });
      await sleep(backoffMs(attempt, e.retryAfterMs));
    }
  }
}
