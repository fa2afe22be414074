import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { truncationMessage } from "@/lib/jobs/ask-structured";
import { hasPrompt, type Executor, type FailedReply } from "@/lib/jobs/types";
import { callCostUsd } from "@/lib/models/cost";
import { pairSystemSql } from "@/lib/pairs";
import { askJudge } from "./ask-judge";
import { buildJudgePrompt } from "./prompt";
import { settleRunPairs } from "./resettle";
import { rubricFor } from "./rubric";
import { forgetFailedJudgmentsOfRun } from "./runs";
import { getRunVerdicts } from "./run-verdicts";
import { settlePair } from "./settle-pair";
import { storeJudgment } from "./store-judgment";
import { JUDGMENT_OF_TASK } from "./task-judgment";
import { toCandidateTerms } from "./verdict";
import { clip } from "@/lib/clip";

const sum = (values: (number | null)[]) =>
  values.some((v) => v === null) ? null : values.reduce<number>((a, b) => a + b!, 0);

/** The system message of a pair with `pr` its prompt and `ca`, `cb` its answers. */
const PAIR_SYSTEM = Prisma.raw(pairSystemSql(`pr."system"`, [`ca."systemPrompt"`, `cb."systemPrompt"`]));

/**
 * The pair's two answers, as stored (A then B), and the system message they were answered under
 * (the one exports and annotators see); null when the pair or an answer is gone.
 */
async function pairForJudge(pairId: string | null): Promise<{ a: string; b: string; system: string | null } | null> {
  if (!pairId) return null;
  const [pair] = await db.$queryRaw<{ a: string; b: string; system: string | null }[]>`
    SELECT ca."text" AS a, cb."text" AS b, ${PAIR_SYSTEM} AS system
    FROM "Pair" p
    JOIN "Prompt" pr ON pr."id" = p."promptId"
    JOIN "Candidate" ca ON ca."id" = p."candidateAId"
    JOIN "Candidate" cb ON cb."id" = p."candidateBId"
    WHERE p."id" = ${pairId}`;
  return pair ?? null;
}

function failureOf(parseError: string, truncated: boolean, maxTokens: number | undefined): string {
  return truncated ? truncationMessage(maxTokens) : `No usable verdict after a repair attempt: ${parseError}`;
}

/**
 * Judges one order of a pair: asks the judge endpoint (within its shared limits, retrying
 * transport errors, falling back along the output modes), stores the judgment at most once, and
 * settles the pair's verdict when this was its last order.
 */
export const judgingExecutor: Executor<"JUDGING"> = {
  kind: "JUDGING",

  async execute(task, ctx) {
    if (!hasPrompt(task)) return ctx.fail(task, "prompt_missing", "This task has no prompt");
    const [project, endpoint, answers] = await Promise.all([
      ctx.project(task),
      ctx.endpoint(task),
      pairForJudge(task.pairId),
    ]);
    if (!answers) return ctx.fail(task, "pair_missing", "The pair or one of its answers no longer exists");
    const swapped = task.judgeOrder === "SWAPPED";
    const messages = buildJudgePrompt({
      instruction: task.promptText,
      // Not the project's setting as it is now: the pair is judged under what its answers saw.
      system: answers.system,
      first: swapped ? answers.b : answers.a,
      second: swapped ? answers.a : answers.b,
      rubric: rubricFor(project.judgeRubric),
    });

    const asked = await askJudge(task, ctx, endpoint, messages);
    if (!asked.ok) return asked.outcome;
    const { calls, parsed, mode, repaired, attempts, truncated } = asked.answer;

    const last = calls[calls.length - 1]!;
    const inputTokens = sum(calls.map((c) => c.inputTokens));
    const outputTokens = sum(calls.map((c) => c.outputTokens));
    const verdict = parsed.ok ? toCandidateTerms(parsed.value, swapped) : null;
    await storeJudgment(task, {
      status: verdict ? "OK" : "FAILED",
      winner: verdict?.winner ?? null,
      scoreA: verdict?.scoreA ?? null,
      scoreB: verdict?.scoreB ?? null,
      rationale: parsed.ok ? parsed.value.rationale : null,
      rawText: calls.map((c) => c.text).join("\n"),
      repaired,
      outputMode: mode,
      error: parsed.ok ? null : clip(failureOf(parsed.error, truncated, last.params.maxTokens), 1000),
      truncated,
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
  },

  // A task failed for an unusable reply still stored its judgment, and its calls were paid for: counted too.
  async usage(runId) {
    const [u] = await db.$queryRaw<{ input: number; output: number; cost: number }[]>`
      SELECT coalesce(sum(j."inputTokens"), 0)::float8 AS input, coalesce(sum(j."outputTokens"), 0)::float8 AS output,
             coalesce(sum(j."costUsd"), 0)::float8 AS cost
      FROM "Task" t JOIN "Judgment" j ON ${JUDGMENT_OF_TASK}
      WHERE t."runId" = ${runId} AND t."status" IN ('DONE', 'FAILED')`;
    return u!;
  },

  async failedReplies(taskIds, maxChars) {
    const rows = await db.$queryRaw<({ taskId: string } & FailedReply)[]>`
      SELECT t."id" AS "taskId", left(j."rawText", ${maxChars}) AS reply, length(j."rawText")::int AS "replyChars", j."error" AS detail
      FROM "Task" t JOIN "Judgment" j ON ${JUDGMENT_OF_TASK} AND j."status" = 'FAILED'
      WHERE t."id" = ANY(${taskIds}::text[])`;
    return new Map(rows.map(({ taskId, ...reply }) => [taskId, reply]));
  },

  // A worker that died between storing a pair's last judgment and settling the pair left it
  // without its verdict: the run's pairs are settled from their judgments before it closes.
  async settle(runId) {
    await settleRunPairs(runId);
  },

  beforeRetry: (tx, runId) => forgetFailedJudgmentsOfRun(tx, runId),
  summary: (runId) => getRunVerdicts(runId),
};
