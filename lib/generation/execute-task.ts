import "server-only";
import { db } from "@/lib/db";
import { getEndpointForCall } from "@/lib/endpoints/endpoint-for-call";
import { callModel } from "@/lib/models/call";
import { callCostUsd } from "@/lib/models/cost";
import { classifyModelError } from "@/lib/models/errors";
import { backoffMs, MAX_ATTEMPTS } from "@/lib/models/retry";
import { generationConfig } from "./config";
import type { EndpointGate } from "./endpoint-gate";
import { formPairs } from "./pairing";
import { storeCandidate } from "./store-candidate";
import { RunStateCache } from "./run-state";
import { releaseTask, stopEndpoint, stoppedMessage, type ClaimedTask } from "./task-state";
import { ttlCache } from "./ttl-cache";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type TaskOutcome = "done" | "failed" | "released";

/**
 * What every task of a worker reads over and over. Project and endpoint settings are cached by
 * id and version (their updatedAt, read by the claim), so an edit applies to the next task.
 */
export function taskContext() {
  return {
    project: ttlCache(60_000, (key) => db.project.findUniqueOrThrow({ where: { id: key.split("|")[0] } })),
    endpoint: ttlCache(60_000, (key) => getEndpointForCall(key.split("|")[0]!)),
    runs: new RunStateCache(),
  };
}
export type TaskContext = ReturnType<typeof taskContext>;

async function fail(task: ClaimedTask, kind: string, message: string, attempts?: number): Promise<TaskOutcome> {
  await db.generationTask.update({
    where: { id: task.id },
    data: { status: "FAILED", leasedUntil: null, errorKind: kind, lastError: message, attempts },
  });
  return "failed";
}

/**
 * Produces the candidate of a claimed task: calls the endpoint within its shared limits,
 * retries what retrying can fix, and stores the answer at most once.
 */
export async function executeTask(task: ClaimedTask, workerId: string, gate: EndpointGate, ctx: TaskContext): Promise<TaskOutcome> {  const [project, endpoint] = await Promise.all([
    ctx.project(`${task.projectId}|${+task.projectVersion}`),
    ctx.endpoint(`${task.endpointId}|${+task.endpointVersion}`),
  ]);
  const system = task.promptSystem ?? project.systemPrompt;
  const messages = [
    ...(system ? [{ role: "system" as const, content: system }] : []),
    { role: "user" as const, content: task.promptText },
  ];
  // Several samples from one endpoint must differ even where the server is deterministic.
  const overrides = task.role === "SAMPLER" ? { seed: (endpoint.seed ?? 0) + task.sampleIndex } : {};

  for (let attempt = 1; ; attempt++) {
    const lease = await gate.acquire(endpoint.id, endpoint.concurrencyLimit, endpoint.requestsPerMinute);
    const state = await ctx.runs.get(task.runId, endpoint.id, task.claimedAt);
    if (!state.active) {
      await lease.release();
      await releaseTask(task.id, workerId);
      return "released";
    }
    if (state.stoppedBy) {
      await lease.release();
      return fail(task, "endpoint_stopped", stoppedMessage(endpoint.name, state.stoppedBy), attempt - 1);
    }
    let result;
    try {
      result = await callModel({ endpoint, messages, overrides, timeoutMs: generationConfig.callTimeoutMs });
    } catch (err) {
      await lease.release();
      const e = classifyModelError(err, { secrets: [endpoint.apiKey] });
      if (!e.retryable) {
        ctx.runs.stop(task.runId, endpoint.id, e.message);
        const outcome = await fail(task, e.kind, e.message, attempt);
        await stopEndpoint(task.runId, endpoint.id, endpoint.name, e.message);
        return outcome;
      }
      if (attempt >= MAX_ATTEMPTS) return fail(task, e.kind, e.message, attempt);
      await db.generationTask.update({ where: { id: task.id }, data: { attempts: attempt, lastError: e.message, errorKind: e.kind } });
      await sleep(backoffMs(attempt, e.retryAfterMs));
      continue;
    }
    await lease.release();
    const flaw = !result.text.trim() ? "EMPTY" : result.finishReason === "length" ? "TRUNCATED" : null;
    const costUsd = callCostUsd(endpoint, result.inputTokens, result.outputTokens);
    await storeCandidate(task, { result, flaw, costUsd, attempts: attempt });
    await formPairs(project, task.promptId);
    return "done";
  }
}
