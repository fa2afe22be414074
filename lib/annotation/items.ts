import "server-only";
import { bulkPool } from "@/lib/bulk-db";
import { pairSystemSql } from "@/lib/pairs";
import type { AnnotationItem } from "./schemas";

export interface HeldAssignment {
  id: string;
  pairId: string;
  leftIsA: boolean;
  leasedUntil: Date;
}

/**
 * One query for prompt and both answers of the given pairs (exported for the annotation bench's
 * baseline), and, when either answer is an extract copied from a document, the chunk it came from
 * and that document's title. Either side is looked at, so the passage says nothing of which side
 * is the author's. The system message is the pair's (as the judge and the export have it), not only
 * the prompt's own: annotators are asked whether an answer respects it.
 */
export const ITEMS_SQL = `SELECT p."id", pr."text",
            ${pairSystemSql(`pr."system"`, [`ca."systemPrompt"`, `cb."systemPrompt"`])} AS "system",
            ca."text" AS a, cb."text" AS b,
            ch."text" AS "passage", d."title" AS "documentTitle"
     FROM "Pair" p
     JOIN "Prompt" pr ON pr."id" = p."promptId"
     JOIN "Candidate" ca ON ca."id" = p."candidateAId"
     JOIN "Candidate" cb ON cb."id" = p."candidateBId"
     LEFT JOIN "Chunk" ch ON ch."id" = COALESCE(
       CASE WHEN ca."source" = 'DOCUMENT' THEN ca."chunkId" END,
       CASE WHEN cb."source" = 'DOCUMENT' THEN cb."chunkId" END)
     LEFT JOIN "Document" d ON d."id" = ch."documentId"
     WHERE p."id" = ANY($1::text[])`;

interface ItemRow {
  id: string;
  text: string;
  system: string | null;
  a: string;
  b: string;
  passage: string | null;
  documentTitle: string | null;
}

/** What the annotator sees of their assignments: texts by screen side, nothing about models. */
export async function loadItems(assignments: HeldAssignment[]): Promise<AnnotationItem[]> {
  if (!assignments.length) return [];
  // One query for prompt and both answers (this runs on every claim, a hot path).
  const { rows } = await bulkPool().query<ItemRow>(ITEMS_SQL, [assignments.map((a) => a.pairId)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return assignments.map((a) => {
    const p = byId.get(a.pairId)!;
    const [left, right] = a.leftIsA ? [p.a, p.b] : [p.b, p.a];
    return {
      assignmentId: a.id,
      pairId: a.pairId,
      prompt: { text: p.text, system: p.system },
      left: { text: left },
      right: { text: right },
      leasedUntil: new Date(a.leasedUntil).toISOString(),
      ...(p.passage !== null ? { source: { documentTitle: p.documentTitle!, text: p.passage } } : {}),
    };
  });
}
