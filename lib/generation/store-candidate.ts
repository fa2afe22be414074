import "server-only";
import { db } from "@/lib/db";
import type { CallModelResult } from "@/lib/models/call";
import type { ClaimedTask } from "./task-state";

export interface StoredCall {
  result: CallModelResult;
  flaw: "EMPTY" | "TRUNCATED" | null;
  costUsd: number | null;
  attempts: number;
}

/**
 * Stores the task's candidate and marks the task done, in one statement. The candidate key
 * (prompt, endpoint, role, sample) is unique: a second execution of the same task stores nothing.
 */
export async function storeCandidate(task: ClaimedTask, { result, flaw, costUsd, attempts }: StoredCall): Promise<void> {
  await db.$executeRaw`
    WITH inserted AS (
      INSERT INTO "Candidate" ("id", "projectId", "promptId", "source", "endpointId", "role", "sampleIndex", "text",
        "finishReason", "flaw", "inputTokens", "outputTokens", "latencyMs", "costUsd", "model", "params")
      VALUES (gen_random_uuid()::text, ${task.projectId}, ${task.promptId}, 'GENERATED', ${task.endpointId},
        ${task.role}::"EndpointRole", ${task.sampleIndex}, ${result.text}, ${result.finishReason},
        ${flaw}::"CandidateFlaw", ${result.inputTokens}, ${result.outputTokens}, ${result.latencyMs}, ${costUsd},
        ${result.model}, ${JSON.stringify(result.params)}::jsonb)
      ON CONFLICT DO NOTHING)
    UPDATE "GenerationTask" SET "status" = 'DONE', "attempts" = ${attempts}, "leasedUntil" = NULL, "updatedAt" = now()
    WHERE "id" = ${task.id}`;
}
