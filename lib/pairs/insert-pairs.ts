import "server-only";
import type { BulkClient } from "@/lib/bulk-db";
import type { PairRow } from "@/lib/imports";
import type { StagedValue } from "@/lib/prompts/import-staging";
import { sortableId } from "@/lib/prompts/row-ids";
import { chosenIsA } from "./sides";

export interface PairTarget {
  id: string;
  /** IMPLICIT: the file's label is the label, so it is set as implicitLabel too. */
  implicit: boolean;
}

/**
 * The staging table of a pair import (see import-staging.ts): the prompt's fields, then the two
 * candidates in the order sides.ts decides and the pair, ids made here so they keep file order.
 */
export const PAIR_STAGING_COLUMNS = [
  `"line" int, "promptId" text, "text" text, "system" text, "externalId" text, "metadata" jsonb, "promptKey" text`,
  `"pairKey" text, "aId" text, "aText" text, "bId" text, "bText" text, "pairId" text, "label" text`,
].join(", ");

export function stagePair(projectId: string, row: PairRow): StagedValue[] {
  const aIsChosen = chosenIsA(projectId, row.pairKey);
  const metadata = Object.keys(row.metadata).length === 0 ? "{}" : JSON.stringify(row.metadata);
  return [
    row.line,
    sortableId(),
    row.prompt,
    row.system ?? null,
    row.externalId ?? null,
    metadata,
    row.promptKey,
    row.pairKey,
    sortableId(),
    aIsChosen ? row.chosen : row.rejected,
    sortableId(),
    aIsChosen ? row.rejected : row.chosen,
    sortableId(),
    aIsChosen ? "A" : "B",
  ];
}

/**
 * Stores a batch of staged pairs: the prompts the project lacks (the first row of each prompt gives its
 * system and metadata), two IMPORTED candidates per pair, and the pairs. Pairs the project
 * already has are skipped. Returns how many pairs were new.
 */
export async function publishPairs(client: BulkClient, table: string, project: PairTarget, importId: string): Promise<number> {
  // Imports into one project take turns (until the first commits), so neither misses a pair
  // the other is storing.
  await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`pairs:${project.id}`]);
  await client.query(
    `INSERT INTO "Prompt" ("id", "projectId", "text", "system", "externalId", "metadata", "promptKey", "importId")
     SELECT DISTINCT ON (s."promptKey") s."promptId", $1, s."text", s."system", s."externalId", s."metadata", s."promptKey", $2
     FROM ${table} s ORDER BY s."promptKey", s."line"
     ON CONFLICT ("projectId", "promptKey") DO NOTHING`,
    [project.id, importId],
  );
  // The pair keys a project stores are kept in its IMPORTED candidates' params.
  await client.query(
    `CREATE TEMP TABLE ${table}_fresh AS
     SELECT s.*, p."id" AS "storedPromptId" FROM ${table} s
     JOIN "Prompt" p ON p."projectId" = $1 AND p."promptKey" = s."promptKey"
     WHERE NOT EXISTS (
       SELECT 1 FROM "Candidate" c
       WHERE c."promptId" = p."id" AND c."source" = 'IMPORTED' AND c."params"->>'pairKey' = s."pairKey"
     )`,
    [project.id],
  );
  await client.query(
    `INSERT INTO "Candidate" ("id", "projectId", "promptId", "source", "sampleIndex", "text", "params")
     SELECT c."id", $1, c."promptId", 'IMPORTED', c."sampleIndex", c."text",
            jsonb_build_object('importId', $2::text, 'pairKey', c."pairKey", 'line', c."line")
     FROM (
       SELECT "aId" AS "id", "storedPromptId" AS "promptId", 0 AS "sampleIndex", "aText" AS "text", "pairKey", "line" FROM ${table}_fresh
       UNION ALL
       SELECT "bId", "storedPromptId", 1, "bText", "pairKey", "line" FROM ${table}_fresh
     ) c`,
    [project.id, importId],
  );
  const pairs = await client.query(
    `INSERT INTO "Pair" ("id", "projectId", "promptId", "candidateAId", "candidateBId", "sourceLabel", "implicitLabel")
     SELECT f."pairId", $1, f."storedPromptId", f."aId", f."bId", f."label"::"PairLabel",
            CASE WHEN $2 THEN f."label" END::"PairLabel"
     FROM ${table}_fresh f`,
    [project.id, project.implicit],
  );
  await client.query(`DROP TABLE ${table}_fresh`);
  return pairs.rowCount ?? 0;
}
