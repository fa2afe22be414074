import "server-only";
import { bulkPool } from "@/lib/bulk-db";
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

const STORE_SQL = `
  WITH rows AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[],
      $8::text[], $9::text[], $10::int[], $11::int[], $12::int[], $13::float8[], $14::text[], $15::text[],
      $16::int[], $17::text[])
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

/**
 * Stores candidates and marks their tasks done, a few milliseconds' worth in one statement (one
 * per task was most of a task's database time). The candidate key (prompt, endpoint, role,
 * sample) is unique: a second execution of the same task stores nothing. Then the pairs their
 * prompts now allow are formed, once per prompt.
 */
async function storeBatch(items: Item[]): Promise<void> {
  const col = <T>(pick: (item: Item) => T) => items.map(pick);
  // Arrays rather than JSON: a text parameter reaches PostgreSQL exactly as given. Sent with pg,
  // not Prisma: this statement and the pairing after it run for every two or three candidates,
  // and Prisma's query engine spent about 0.5 ms of the worker's CPU on each (the generation
  // bench: 2.5 s of its 13 s of CPU), time a busy worker's next calls waited for.
  await bulkPool().query(STORE_SQL, [
    col((i) => i.task.id),
    col((i) => i.task.projectId),
    col((i) => i.task.promptId),
    col((i) => i.task.endpointId),
    col((i) => i.task.role),
    col((i) => i.task.sampleIndex),
    col((i) => i.result.text),
    col((i) => i.result.finishReason),
    col((i) => i.flaw),
    col((i) => i.result.inputTokens),
    col((i) => i.result.outputTokens),
    col((i) => i.result.latencyMs),
    col((i) => i.costUsd),
    col((i) => i.result.model),
    col((i) => JSON.stringify(i.result.params)),
    col((i) => i.attempts),
    col((i) => i.system),
  ]);
  const prompts = new Map<string, Project>();
  for (const { task, project } of items) prompts.set(task.promptId, project);
  await formPairs([...prompts].map(([promptId, project]) => ({ project, promptId })));
}

export const storeCandidate = batched(storeBatch, { waitMs: 5, max: 64 });
