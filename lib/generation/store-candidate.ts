import "server-only";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";
import { batched } from "@/lib/jobs/batch";
import type { PromptTask } from "@/lib/jobs/types";
import type { CallModelResult } from "@/lib/models/call";
import { formPairs } from "./pairing";

export interface StoredCall {
  result: CallModelResult;
  flaw: "EMPTY" | "TRUNCATED" | null;
  costUsd: number | null;
  attempts: number;
  /** The system message the call sent, if any. */
  system: string | null;
}

type Item = { task: PromptTask; project: Project } & StoredCall;

/**
 * Stores candidates and marks their tasks done, a few milliseconds' worth in one statement (one
 * per task was most of a task's database time). The candidate key (prompt, endpoint, role,
 * sample) is unique: a second execution of the same task stores nothing. Then the pairs their
 * prompts now allow are formed, once per prompt.
 */
async function storeBatch(items: Item[]): Promise<void> {
  const col = <T>(pick: (item: Item) => T) => items.map(pick);
  // Arrays rather than JSON: a text parameter reaches PostgreSQL exactly as given.
  await db.$executeRaw`
    WITH rows AS (
      SELECT * FROM unnest(${col((i) => i.task.id)}::text[], ${col((i) => i.task.projectId)}::text[],
        ${col((i) => i.task.promptId)}::text[], ${col((i) => i.task.endpointId)}::text[], ${col((i) => i.task.role)}::text[],
        ${col((i) => i.task.sampleIndex)}::int[], ${col((i) => i.result.text)}::text[], ${col((i) => i.result.finishReason)}::text[],
        ${col((i) => i.flaw)}::text[], ${col((i) => i.result.inputTokens)}::int[], ${col((i) => i.result.outputTokens)}::int[],
        ${col((i) => i.result.latencyMs)}::int[], ${col((i) => i.costUsd)}::float8[], ${col((i) => i.result.model)}::text[],
        ${col((i) => JSON.stringify(i.result.params))}::text[], ${col((i) => i.attempts)}::int[], ${col((i) => i.system)}::text[])
        AS x("taskId", "projectId", "promptId", "endpointId", "role", "sampleIndex", "text", "finishReason", "flaw",
             "inputTokens", "outputTokens", "latencyMs", "costUsd", "model", "params", "attempts", "systemPrompt")),
    inserted AS (
      INSERT INTO "Candidate" ("id", "projectId", "promptId", "source", "endpointId", "role", "sampleIndex", "text",
        "finishReason", "flaw", "inputTokens", "outputTokens", "latencyMs", "costUsd", "model", "params", "systemPrompt")
      SELECT gen_random_uuid()::text, "projectId", "promptId", 'GENERATED', "endpointId", "role"::"EndpointRole", "sampleIndex",
        "text", "finishReason", "flaw"::"CandidateFlaw", "inputTokens", "outputTokens", "latencyMs", "costUsd", "model", "params"::jsonb,
        "systemPrompt"
      FROM rows
      ON CONFLICT DO NOTHING),
    -- The tasks are locked in id order, as the heartbeat locks them: in any other order the two
    -- could deadlock, and a batch that lost would leave its tasks running for ever.
    locked AS (
      SELECT t."id" FROM "Task" t WHERE t."id" IN (SELECT "taskId" FROM rows) ORDER BY t."id" FOR UPDATE)
    UPDATE "Task" t SET "status" = 'DONE', "attempts" = rows."attempts", "leasedUntil" = NULL, "updatedAt" = now()
    FROM rows JOIN locked ON locked."id" = rows."taskId" WHERE t."id" = rows."taskId"`;
  const prompts = new Map<string, Project>();
  for (const { task, project } of items) prompts.set(task.promptId, project);
  await formPairs([...prompts].map(([promptId, project]) => ({ project, promptId })));
}

export const storeCandidate = batched(storeBatch, { waitMs: 5, max: 64 });
