import "server-only";
import { bulkTransaction, type BulkClient } from "@/lib/bulk-db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { describeWork, hasWork } from "./import-impact";
import { importLockKey } from "./run-import";
import type { ImportImpact } from "./types";

// Deleting an import works as deleting tasks does in Label Studio (and records in Argilla):
// the annotations on them go too. Because that loses people's work, the caller must say so
// explicitly (`withWork`); without it an import that has work on it is refused, with the counts,
// so the page can show them in its confirmation. Plain pg in one transaction: removing a large
// import can take far longer than Prisma's interactive transactions allow.

/** The import has work that deleting it would remove too; `impact` says how much. */
export class ImportInUseError extends ConflictError {
  override readonly name = "ImportInUseError";
  constructor(readonly impact: ImportImpact) {
    super(
      "import_in_use",
      `This import has work that depends on it: ${describeWork(impact)}. Deleting it deletes that too; confirm to go ahead.`,
    );
  }
}

// What goes with an import: its prompts (with everything on them) and the candidates it
// imported (with their pairs), on prompts of its own or reused from earlier imports.
const DOOMED = `
  doomed_prompts AS (SELECT "id" FROM "Prompt" WHERE "projectId" = $1 AND "importId" = $2),
  doomed_candidates AS (
    SELECT c."id", c."source", c."params"->>'importId' AS "importId" FROM "Candidate" c
    WHERE c."projectId" = $1
      AND (c."promptId" IN (SELECT "id" FROM doomed_prompts) OR (c."source" = 'IMPORTED' AND c."params"->>'importId' = $2))
  ),
  doomed_pairs AS (
    SELECT p."id", p."candidateAId" FROM "Pair" p
    WHERE p."projectId" = $1
      AND (p."promptId" IN (SELECT "id" FROM doomed_prompts)
        OR p."candidateAId" IN (SELECT "id" FROM doomed_candidates) OR p."candidateBId" IN (SELECT "id" FROM doomed_candidates))
  )`;

async function impactOf(client: BulkClient, projectId: string, importId: string): Promise<ImportImpact> {
  const { rows } = await client.query<Record<keyof ImportImpact, string>>(
    `WITH ${DOOMED}
     SELECT
       (SELECT count(*) FROM doomed_prompts) AS "prompts",
       (SELECT count(*) FROM doomed_pairs) AS "pairs",
       (SELECT count(*) FROM "Vote" WHERE "pairId" IN (SELECT "id" FROM doomed_pairs)) AS "votes",
       (SELECT count(*) FROM "Adjudication" WHERE "pairId" IN (SELECT "id" FROM doomed_pairs)) AS "adjudications",
       (SELECT count(*) FROM "Judgment" WHERE "pairId" IN (SELECT "id" FROM doomed_pairs)) AS "judgments",
       (SELECT count(*) FROM doomed_candidates WHERE "source" <> 'IMPORTED') AS "generatedCandidates",
       (SELECT count(*) FROM doomed_pairs d JOIN doomed_candidates c ON c."id" = d."candidateAId"
         WHERE c."source" = 'IMPORTED' AND c."importId" IS DISTINCT FROM $2) AS "otherImportPairs"`,
    [projectId, importId],
  );
  const row = rows[0]!; // a SELECT of aggregates alone returns exactly one row
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as unknown as ImportImpact;
}

async function lockBatch(client: BulkClient, projectId: string, importId: string): Promise<void> {
  const { rowCount } = await client.query(
    `SELECT 1 FROM "ImportBatch" WHERE "id" = $1 AND "projectId" = $2 FOR UPDATE`,
    [importId, projectId],
  );
  if (!rowCount) throw new NotFoundError("Import");
}

/** What deleting the import would remove. */
export async function importImpact(projectId: string, importId: string): Promise<ImportImpact> {
  return bulkTransaction(async (client) => {
    await lockBatch(client, projectId, importId);
    return impactOf(client, projectId, importId);
  });
}

/**
 * Deletes an import: its prompts, the pairs and candidates it imported, and the ImportBatch.
 * Refuses (ImportInUseError) when that would remove work, unless `withWork` says to remove it
 * too. Returns what was removed.
 */
export async function deleteImport(
  projectId: string,
  importId: string,
  options: { withWork?: boolean } = {},
): Promise<ImportImpact> {
  return bulkTransaction(async (client) => {
    await lockBatch(client, projectId, importId);
    // Imports into this project take turns with the deletion (run-import.ts).
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [importLockKey(projectId)]);
    const impact = await impactOf(client, projectId, importId);
    if (hasWork(impact) && !options.withWork) throw new ImportInUseError(impact);
    // Pairs, assignments, votes, verdicts and generation tasks go with these by cascade.
    await client.query(
      `DELETE FROM "Candidate" WHERE "projectId" = $1 AND "source" = 'IMPORTED' AND "params"->>'importId' = $2`,
      [projectId, importId],
    );
    await client.query(`DELETE FROM "Prompt" WHERE "projectId" = $1 AND "importId" = $2`, [projectId, importId]);
    await client.query(`DELETE FROM "ImportBatch" WHERE "id" = $1`, [importId]);
    return impact;
  });
}
