import "server-only";
import { db } from "@/lib/db";
import type { AnnotationItem } from "./schemas";

/** What the annotator sees of their assignments: texts by screen side, nothing about models. */
export async function loadItems(assignments: { id: string; pairId: string; leftIsA: boolean; leasedUntil: Date }[]): Promise<AnnotationItem[]> {
  if (!assignments.length) return [];
  const pairs = await db.pair.findMany({
    where: { id: { in: assignments.map((a) => a.pairId) } },
    select: {
      id: true,
      prompt: { select: { text: true, system: true } },
      candidateA: { select: { text: true } },
      candidateB: { select: { text: true } },
    },
  });
  const byId = new Map(pairs.map((p) => [p.id, p]));
  return assignments.map((a) => {
    const p = byId.get(a.pairId)!;
    const [left, right] = a.leftIsA ? [p.candidateA, p.candidateB] : [p.candidateB, p.candidateA];
    return {
      assignmentId: a.id,
      pairId: a.pairId,
      prompt: { text: p.prompt.text, system: p.prompt.system },
      left: { text: left.text },
      right: { text: right.text },
      leasedUntil: a.leasedUntil.toISOString(),
    };
  });
}
