import "server-only";
import { bulkTransaction, type BulkClient } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import type { PairRow } from "@/lib/imports";
import { insertPrompts } from "@/lib/prompts/insert-prompts";
import { sortableId } from "@/lib/prompts/row-ids";
import { chosenIsA } from "./sides";

export interface PairTarget {
  id: string;
  /** IMPLICIT: the file's label is the label, so it is set as implicitLabel too. */
  implicit: boolean;
}

/** The pair keys the project already stores among these prompts (kept in the candidates' params). */
async function storedPairKeys(client: BulkClient, promptIds: string[]): Promise<Set<string>> {
  const { rows } = await client.query<{ key: string }>(
    `SELECT DISTINCT "params"->>'pairKey' AS key FROM "Candidate"
     WHERE "promptId" = ANY($1::text[]) AND "source" = 'IMPORTED' AND "params"->>'pairKey' IS NOT NULL`,
    [promptIds],
  );
  return new Set(rows.map((r) => r.key));
}

/** Two IMPORTED candidates and a pair per row, A and B in the order sides.ts decides. */
function pairRecords(project: PairTarget, importId: string, rows: PairRow[], promptIds: Map<string, string>) {
  const candidates: object[] = [];
  const pairs: object[] = [];
  for (const row of rows) {
    const promptId = promptIds.get(row.promptKey);
    const params = { importId, pairKey: row.pairKey, line: row.line };
    const aIsChosen = chosenIsA(project.id, row.pairKey);
    const a = { id: sortableId(), promptId, sampleIndex: 0, text: aIsChosen ? row.chosen : row.rejected, params };
    const b = { id: sortableId(), promptId, sampleIndex: 1, text: aIsChosen ? row.rejected : row.chosen, params };
    const label = aIsChosen ? "A" : "B";
    candidates.push(a, b);
    pairs.push({ id: sortableId(), promptId, a: a.id, b: b.id, source: label, implicit: project.implicit ? label : null });
  }
  return { candidates, pairs };
}

/**
 * Stores one batch of pairs in one transaction: the prompts the project lacks (the first row of
 * each prompt gives its system and metadata), two IMPORTED candidates per pair, and the pairs.
 * Pairs the project already has are skipped. Returns how many pairs were new.
 */
export async function insertPairs(project: PairTarget, importId: string, rows: PairRow[]): Promise<number> {
  return bulkTransaction(async (client) => {
    // Imports into one project take turns, so neither misses a pair the other is storing.
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`pairs:${project.id}`]);
    const firstPerPrompt = new Map<string, PairRow>();
    for (const row of rows) if (!firstPerPrompt.has(row.promptKey)) firstPerPrompt.set(row.promptKey, row);
    await insertPrompts(client, project.id, importId, [...firstPerPrompt.values()]);
    const prompts = await client.query<{ id: string; promptKey: string }>(
      `SELECT "id", "promptKey" FROM "Prompt" WHERE "projectId" = $1 AND "promptKey" = ANY($2::text[])`,
      [project.id, [...firstPerPrompt.keys()]],
    );
    const stored = await storedPairKeys(client, prompts.rows.map((p) => p.id));
    const fresh = rows.filter((r) => !stored.has(r.pairKey));
    if (fresh.length === 0) return 0;

    const { candidates, pairs } = pairRecords(project, importId, fresh, new Map(prompts.rows.map((p) => [p.promptKey, p.id])));
    await client.query(
      `INSERT INTO "Candidate" ("id", "projectId", "promptId", "source", "sampleIndex", "text", "params")
       SELECT c."id", $1, c."promptId", 'IMPORTED', c."sampleIndex", c."text", c."params"
       FROM jsonb_to_recordset($2::jsonb) AS c("id" text, "promptId" text, "sampleIndex" int, "text" text, "params" jsonb)`,
      [project.id, JSON.stringify(candidates)],
    );
    await client.query(
      `INSERT INTO "Pair" ("id", "projectId", "promptId", "candidateAId", "candidateBId", "sourceLabel", "implicitLabel")
       SELECT p."id", $1, p."promptId", p."a", p."b", p."source"::"PairLabel", p."implicit"::"PairLabel"
       FROM jsonb_to_recordset($2::jsonb) AS p("id" text, "promptId" text, "a" text, "b" text, "source" text, "implicit" text)`,
      [project.id, JSON.stringify(pairs)],
    );
    return fresh.length;
  });
}

/** Removes everything an import stored: its candidates (their pairs go with them), its prompts, the batch. */
export async function discardPairImport(projectId: string, importId: string): Promise<void> {
  await db.$transaction([
    db.$executeRaw`DELETE FROM "Candidate" WHERE "projectId" = ${projectId} AND "source" = 'IMPORTED' AND "params"->>'importId' = ${importId}`,
    db.prompt.deleteMany({ where: { projectId, importId } }),
    db.importBatch.delete({ where: { id: importId } }),
  ]);
}
