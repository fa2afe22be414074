import "server-only";
import type { BulkClient } from "@/lib/bulk-db";
import type { PromptRow } from "@/lib/imports";
import { sortableId } from "./row-ids";

/** What both importers store for a prompt. */
export type NewPrompt = Pick<PromptRow, "prompt" | "system" | "externalId" | "metadata" | "promptKey">;

/**
 * Inserts prompts in one statement, skipping those whose key the project already has, and
 * returns how many were new. Rows travel as one JSON parameter: one round trip whatever the
 * batch size, far below PostgreSQL's 65,535-parameter limit, and about five times faster than
 * Prisma's createMany (measured: 100,000 prompts in ~4.5 s against ~25 s).
 */
export async function insertPrompts(client: BulkClient, projectId: string, importId: string, rows: NewPrompt[]): Promise<number> {
  if (rows.length === 0) return 0;
  const json = JSON.stringify(
    rows.map((r) => ({
      id: sortableId(),
      text: r.prompt,
      system: r.system ?? null,
      externalId: r.externalId ?? null,
      metadata: r.metadata,
      promptKey: r.promptKey,
    })),
  );
  const result = await client.query(
    `INSERT INTO "Prompt" ("id", "projectId", "text", "system", "externalId", "metadata", "promptKey", "importId")
     SELECT r."id", $1, r."text", r."system", r."externalId", r."metadata", r."promptKey", $2
     FROM jsonb_to_recordset($3::jsonb)
       AS r("id" text, "text" text, "system" text, "externalId" text, "metadata" jsonb, "promptKey" text)
     ON CONFLICT ("projectId", "promptKey") DO NOTHING`,
    [projectId, importId, json],
  );
  return result.rowCount ?? 0;
}
