import "server-only";
import type { BulkClient } from "@/lib/bulk-db";
import type { PromptRow } from "@/lib/imports";
import type { StagedValue } from "./import-staging";
import { sortableId } from "./row-ids";

/** What both importers store for a prompt. */
export type NewPrompt = Pick<PromptRow, "prompt" | "system" | "externalId" | "metadata" | "promptKey">;

/** The staging table of a prompt import (see import-staging.ts); the ids keep file order. */
export const PROMPT_STAGING_COLUMNS = `"id" text, "text" text, "system" text, "externalId" text, "metadata" jsonb, "promptKey" text`;

const metadataJson = (metadata: Record<string, unknown>) => {
  for (const _ in metadata) return JSON.stringify(metadata);
  return "{}";
};

export function stagePrompt(row: NewPrompt): StagedValue[] {
  return [sortableId(), row.prompt, row.system ?? null, row.externalId ?? null, metadataJson(row.metadata), row.promptKey];
}

/**
 * Stores a batch of staged prompts, skipping those whose key the project already has, and returns how
 * many were new. The parser has already dropped repeats within the file.
 */
export async function publishPrompts(client: BulkClient, table: string, projectId: string, importId: string): Promise<number> {
  const result = await client.query(
    `INSERT INTO "Prompt" ("id", "projectId", "text", "system", "externalId", "metadata", "promptKey", "importId")
     SELECT s."id", $1, s."text", s."system", s."externalId", s."metadata", s."promptKey", $2 FROM ${table} s
     ON CONFLICT ("projectId", "promptKey") DO NOTHING`,
    [projectId, importId],
  );
  return result.rowCount ?? 0;
}
