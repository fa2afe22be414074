import "server-only";
import { failTask, type TaskOutcome } from "@/lib/generation/call-within-limits";
import type { EndpointGate } from "@/lib/generation/endpoint-gate";
import type { TaskContext } from "@/lib/generation/execute-task";
import type { ClaimedTask } from "@/lib/generation/task-state";
import { callCostUsd } from "@/lib/models/cost";
import { askJudge } from "./ask-judge";
import { buildJudgePrompt } from "./prompt";
import { rubricFor } from "./rubric";
import { settlePair } from "./settle-pair";
import { storeJudgment } from "./store-judgment";
import { toCandidateTerms } from "./verdict";

const sum = (values: (number | null)[]) => (values.some((v) => v === null) ? null : values.reduce<number>((a, b) => a + b!, 0));

/**
 * Judges one order of a pair: asks the judge endpoint (within its shared limits, retrying
 * transport errors, falling back along the output modes), stores the judgment at
 * most once, and settles the pair's verdict when this was its second order.
 */
export async function executeJudgment(task: ClaimedTask, workerId: string, gate: EndpointGate, ctx: TaskContext): Promise<TaskOutcome> {
  const [project, endpoint] = await Promise.all([
    ctx.project(`${task.projectId}|${+task.projectVersion}`),
    ctx.endpoint(`${task.endpointId}|${+task.endpointVersion}`),
  ]);
  if (task.answerA === null || task.answerB === null) return failTask(task, "pair_missing", "The pair or one of its answers no longer exists");
  const swapped = task.sampleIndex === 1;
  const messages = buildJudgePrompt({
    instruction: task.promptText,
    system: task.promptSystem ?? project.systemPrompt,
    first: swapped ? task.answerB : task.answerA,
    second: swapped ? task.answerA : task.answerB,
    rubric: rubricFor(project.judgeRubric),
  });

  const asked = await askJudge(task, workerId, gate, ctx, endpoint, messages);
  if (!asked.ok) return asked.outcome;
  const { calls, parsed, mode, repaired, attempts } = asked.answer;

  const last = calls[calls.length - 1]!;
  const inputTokens = sum(calls.map((c) => c.inputTokens));
  const outputTokens = sum(calls.map((c) => c.outputTokens));
  const verdict = parsed.ok ? toCandidateTerms(parsed.verdict, swapped) : null;
  await storeJudgment(task, {
    status: verdict ? "OK" : "FAILED",
    winner: verdict?.winner ?? null,
    scoreA: verdict?.scoreA ?? null,
    scoreB: verdict?.scoreB ?? null,
    rationale: parsed.ok ? parsed.verdict.rationale : null,
    rawText: calls.map((c) => c.text).join("\n"),
    repaired,
    outputMode: mode,
    error: parsed.ok ? null : `No usable verdict after a repair attempt: ${parsed.error}`.slice(0, 1000),
    inputTokens,
    outputTokens,
    costUsd: callCostUsd(endpoint, inputTokens, outputTokens),
    latencyMs: calls.reduce((a, c) => a + c.latencyMs, 0),
    model: last.model,
    params: last.params,
    attempts,
  });
  await settlePair(project, task.pairId!);
  return verdict ? "done" : "failed";
}
