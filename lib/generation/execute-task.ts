import "server-only";
import { db } from "@/lib/db";
import { getEndpointForCall } from "@/lib/endpoints/endpoint-for-call";
import { callCostUsd } from "@/lib/models/cost";
import { callWithinLimits, type TaskOutcome } from "./call-within-limits";
import type { EndpointGate } from "./endpoint-gate";
import { formPairs } from "./pairing";
import { storeCandidate } from "./store-candidate";
import { RunStateCache } from "./run-state";
import type { ClaimedTask } from "./task-state";
import { ttlCache } from "./ttl-cache";

export type { TaskOutcome };

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

/**
 * Produces the candidate of a claimed task: calls the endpoint within its shared limits
 * (retrying what retrying can fix) and stores the answer at most once.
 */
export async function executeTask(task: ClaimedTask, workerId: string, gate: EndpointGate, ctx: TaskContext): Promise<TaskOutcome> {
  const [project, endpoint] = await Promise.all([
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

  const call = await callWithinLimits(task, workerId, gate, ctx, endpoint, messages, overrides);
  if (!call.ok) return call.outcome;
  const { result, attempts } = call;
  const flaw = !result.text.trim() ? "EMPTY" : result.finishReason === "length" ? "TRUNCATED" : null;
  const costUsd = callCostUsd(endpoint, result.inputTokens, result.outputTokens);
  await storeCandidate(task, { result, flaw, costUsd, attempts });
  await formPairs(project, task.promptId);
  return "done";
}
