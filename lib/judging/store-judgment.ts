import "server-only";
import { db } from "@/lib/db";
import type { SentParams } from "@/lib/models/call";
import type { OutputMode } from "@/lib/models/output-mode";
import type { ClaimedTask } from "@/lib/generation/task-state";
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
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  latencyMs: number;
  model: string;
  params: SentParams;
  attempts: number;
}

/**
 * Stores the task's judgment and marks the task done, in one statement. The judgment key (pair,
 * endpoint, order) is unique: a second execution of the same task stores nothing.
 */
export async function storeJudgment(task: ClaimedTask, j: JudgmentRecord): Promise<void> {
  await db.$executeRaw`
    WITH inserted AS (
      INSERT INTO "Judgment" ("id", "projectId", "pairId", "endpointId", "swapped", "status", "winner", "scoreA", "scoreB",
        "rationale", "rawText", "repaired", "outputMode", "error", "inputTokens", "outputTokens", "costUsd", "latencyMs", "model", "params")
      VALUES (gen_random_uuid()::text, ${task.projectId}, ${task.pairId}, ${task.endpointId}, ${task.sampleIndex === 1},
        ${j.status}::"JudgmentStatus", ${j.winner}::"PairLabel", ${j.scoreA}, ${j.scoreB}, ${j.rationale}, ${j.rawText},
        ${j.repaired}, ${j.outputMode}::"OutputMode", ${j.error}, ${j.inputTokens}, ${j.outputTokens}, ${j.costUsd}, ${j.latencyMs}, ${j.model},
        ${JSON.stringify(j.params)}::jsonb)
      ON CONFLICT DO NOTHING)
    UPDATE "GenerationTask" SET "status" = 'DONE', "attempts" = ${j.attempts}, "leasedUntil" = NULL, "updatedAt" = now()
    WHERE "id" = ${task.id}`;
}
