import "server-only";
import type { BulkClient } from "@/lib/bulk-db";
import { promptFormClash, type PairRow } from "@/lib/imports";
import { copyLine, copyRows } from "@/lib/prompts/import-transaction";
import { insertPrompts } from "@/lib/prompts/insert-prompts";
import type { RefuseRow } from "@/lib/prompts/run-import";
import { sortableId } from "@/lib/prompts/row-ids";
import { chosenIsA } from "./sides";

export interface PairTarget {
  id: string;
  /** IMPLICIT: the file's label is the label, so it is set as implicitLabel too. */
  implicit: boolean;
  /** Every pair is gold: the file's label is its known answer. */
  gold: boolean;
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

/**
 * Stores one batch of pairs inside the import's transaction (the caller holds the project's
 * import lock): the prompts the project lacks (the first row of each prompt gives its system and
 * metadata), two IMPORTED candidates per pair in the order sides.ts decides, and the pairs.
 * Pairs the project already has are skipped; a pair whose prompt the project keeps in another
 * form (text or system message) is refused, since it would be exported with that form. Returns
 * how many pairs were new.
 */
export async function insertPairs(
  client: BulkClient,
  project: PairTarget,
  importId: string,
  rows: PairRow[],
  refuse: RefuseRow,
  firstLines: Map<string, number>,
): Promise<number> {
  const firstPerPrompt = new Map<string, PairRow>();
  for (const row of rows) if (!firstPerPrompt.has(row.promptKey)) firstPerPrompt.set(row.promptKey, row);
  await insertPrompts(client, project.id, importId, [...firstPerPrompt.values()]);
  const prompts = await client.query<{
    id: string;
    promptKey: string;
    text: string;
    system: string | null;
    importId: string | null;
  }>(
    `SELECT "id", "promptKey", "text", "system", "importId" FROM "Prompt" WHERE "projectId" = $1 AND "promptKey" = ANY($2::text[])`,
    [project.id, [...firstPerPrompt.keys()]],
  );
  const stored = new Map(prompts.rows.map((p) => [p.promptKey, p]));
  const storedPairs = await storedPairKeys(
    client,
    prompts.rows.map((p) => p.id),
  );

  let candidates = "";
  let pairs = "";
  let count = 0;
  for (const row of rows) {
    if (storedPairs.has(row.pairKey)) continue;
    const prompt = stored.get(row.promptKey)!;
    // Brought by this file: by the first row with its key, whose line is remembered.
    const first = prompt.importId === importId ? firstLines.get(row.promptKey) : undefined;
    if (prompt.importId === importId && first === undefined) firstLines.set(row.promptKey, row.line);
    const where = first === undefined ? "the project's" : `line ${first}'s`;
    const problem = promptFormClash(row, { prompt: prompt.text, system: prompt.system }, where);
    if (problem) {
      refuse(row.line, problem);
      continue;
    }
    const promptId = prompt.id;
    const params = JSON.stringify({ importId, pairKey: row.pairKey, line: row.line });
    const aIsChosen = chosenIsA(project.id, row.pairKey);
    const [a, b] = [sortableId(), sortableId()];
    candidates += copyLine([a, project.id, promptId, "IMPORTED", 0, aIsChosen ? row.chosen : row.rejected, params]);
    candidates += copyLine([b, project.id, promptId, "IMPORTED", 1, aIsChosen ? row.rejected : row.chosen, params]);
    const label = aIsChosen ? "A" : "B";
    const [textA, textB] = aIsChosen ? [row.chosen, row.rejected] : [row.rejected, row.chosen];
    pairs += copyLine([
      sortableId(),
      project.id,
      promptId,
      a,
      b,
      label,
      project.implicit ? label : null,
      project.gold ? label : null,
      codePoints(textA),
      codePoints(textB),
      trimmed(textA) === trimmed(textB) ? "t" : "f",
    ]);
    count++;
  }
  await copyRows(
    client,
    `"Candidate" ("id", "projectId", "promptId", "source", "sampleIndex", "text", "params")`,
    candidates,
  );
  await copyRows(
    client,
    `"Pair" ("id", "projectId", "promptId", "candidateAId", "candidateBId", "sourceLabel", "implicitLabel", "goldLabel", "charsA", "charsB", "identical")`,
    pairs,
  );
  return count;
}

/** Whitespace PostgreSQL's btrim(text, E' \t\n\r\f\v') removes: the export's "identical" check. */
const TRIMMED = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0c, 0x0b]);

/** A text without the leading and trailing whitespace the export's "identical" check ignores. */
export function trimmed(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && TRIMMED.has(text.charCodeAt(start))) start++;
  while (end > start && TRIMMED.has(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/**
 * A text's length as PostgreSQL's char_length counts it (code points, not UTF-16 units): given
 * with the pair, the database need not look its answers up again (migration pair_answer_facts).
 */
export function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
