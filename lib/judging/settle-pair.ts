import "server-only";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";
import { panelVerdict } from "./panel";
import { auditDraw, routeReview } from "./routing";
import { combineOrders, type CandidateLabel, type OrderJudgment, type PairVerdict } from "./verdict";

export type StoredJudgment = OrderJudgment & { endpointId: string; swapped: boolean };
export const storedJudgmentSelect = {
  endpointId: true,
  swapped: true,
  status: true,
  winner: true,
  scoreA: true,
  scoreB: true,
} as const;

/**
 * The verdict of a pair from its judgments, or null while a judge of the panel still lacks one
 * of its two orders. Judgments of endpoints no longer on the panel do not count.
 */
export function settledVerdict(panel: string[], rows: readonly StoredJudgment[]): PairVerdict | null {
  if (!panel.length) return null;
  const verdicts = [];
  for (const endpointId of panel) {
    const straight = rows.find((r) => r.endpointId === endpointId && !r.swapped);
    const swapped = rows.find((r) => r.endpointId === endpointId && r.swapped);
    if (!straight || !swapped) return null;
    verdicts.push(combineOrders(straight, swapped));
  }
  return panelVerdict(verdicts);
}

export const panelOf = async (projectId: string) =>
  (await db.projectEndpoint.findMany({ where: { projectId, role: "JUDGE" }, select: { endpointId: true } })).map(
    (p) => p.endpointId,
  );

/**
 * Once every judge of the project's panel has judged both orders of a pair, writes the pair's
 * verdict (the panel's majority, see panel.ts) and whether it goes to humans. Whoever stores the
 * last judgment sees them all (each reads after its own insert committed); the write is a
 * function of the judgments, so doing it twice changes nothing.
 */
export async function settlePair(project: Project, pairId: string): Promise<void> {
  const [panel, rows] = await Promise.all([
    panelOf(project.id),
    db.judgment.findMany({ where: { pairId }, select: storedJudgmentSelect }),
  ]);
  const verdict = settledVerdict(
    panel,
    rows.map((r) => ({ ...r, winner: r.winner as CandidateLabel | null })),
  );
  if (!verdict) return;
  const reviewReason = routeReview(project, verdict, auditDraw(pairId));
  await db.pair.update({
    where: { id: pairId },
    data: { judgeStatus: verdict.status, judgeLabel: verdict.label, judgeConfidence: verdict.confidence, reviewReason },
  });
}
