import "server-only";
import { db } from "@/lib/db";
import type { SentParams } from "@/lib/models/call";
import type { OutputMode } from "@/lib/models/output-mode";
import { REPLY_TRUNCATED } from "@/lib/jobs/ask-structured";
import type { ClaimedTask } from "@/lib/jobs/types";
import { judgeFailureCause, UNUSABLE_REPLY } from "./failure-cause";
import type { CandidateLabel } from "./verdict";

export interface JudgmentRecord {
  status: "OK" | "FAILED";
  winner: CandidateLabel | null;
  scoreA: number | null;
  scoreB: number | null;
  rationale: string | null;
  rawText: string;
  repaired: boolean;
  outputMode: OutputMode;
  error: string | null;
  /** The reply was cut off at the token limit: the task's cause is `error` as it stands, not a parse failure. */
  truncated: boolean;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  latencyMs: number;
  model: string;
  params: SentParams;
  attempts: number;
}

/**
 * Stores the task's judgment and settles the task, in one statement: done when the judgment is
 * OK, failed (with the cause) when the judge gave no usable verdict or its reply was cut off, so the run counts it as a
 * failure and "Retry failed" asks again. The judgment key (pair, endpoint, order) is unique: a
 * second execution of the same task stores nothing.
 */
export async function storeJudgment(task: ClaimedTask, j: JudgmentRecord): Promise<void> {
  const failed = j.status === "FAILED";
  const errorKind = failed ? (j.truncated ? REPLY_TRUNCATED : UNUSABLE_REPLY) : null;
  const lastError = failed ? (j.truncated ? j.error : judgeFailureCause(j.error)) : null;
  await db.$executeRaw`
    WITH inserted AS (
      INSERT INTO "Judgment" ("id", "projectId", "pairId", "endpointId", "swapped", "status", "winner", "scoreA", "scoreB",
        "rationale", "rawText", "repaired", "outputMode", "error", "inputTokens", "outputTokens", "costUsd", "latencyMs", "model", "params")
      VALUES (gen_random_uuid()::text, ${task.projectId}, ${task.pairId}, ${task.endpointId}, ${task.judgeOrder === "SWAPPED"},
        ${j.status}::"JudgmentStatus", ${j.winner}::"PairLabel", ${j.scoreA}, ${j.scoreB}, ${j.rationale}, ${j.rawText},
        ${j.repaired}, ${j.outputMode}::"OutputMode", ${j.error}, ${j.inputTokens}, ${j.outputTokens}, ${j.costUsd}, ${j.latencyMs}, ${j.model},
        ${JSON.stringify(j.params)}::jsonb)
      ON CONFLICT DO NOTHING)
    UPDATE "Task"
    SET "status" = ${failed ? "FAILED" : "DONE"}::"TaskStatus", "attempts" = ${j.attempts}, "leasedUntil" = NULL, "updatedAt" = now(),
        "errorKind" = ${errorKind}, "lastError" = ${lastError}
    WHERE "id" = ${task.id}`;
}
