import "server-only";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";
import { auditDraw, routeReview } from "./routing";
import { combineOrders, type CandidateLabel, type OrderJudgment } from "./verdict";

/**
 * Once both orders of a pair are judged, writes the pair's verdict and whether it goes to humans.
 * Whoever stores the second judgment sees both (each reads after its own insert committed); the
 * write is a function of the two judgments, so doing it twice changes nothing.
 */
export async function settlePair(project: Project, pairId: string, endpointId: string): Promise<void> {
  const rows = await db.judgment.findMany({
    where: { pairId, endpointId },
    select: { swapped: true, status: true, winner: true, scoreA: true, scoreB: true },
  });
  const straight = rows.find((r) => !r.swapped);
  const swapped = rows.find((r) => r.swapped);
  if (!straight || !swapped) return;
  const order = (r: typeof straight): OrderJudgment => ({ ...r, winner: r.winner as CandidateLabel | null });
  const verdict = combineOrders(order(straight), order(swapped));
  const reviewReason = routeReview(project, verdict, auditDraw(pairId));
  await db.pair.update({
    where: { id: pairId },
    data: { judgeStatus: verdict.status, judgeLabel: verdict.label, judgeConfidence: verdict.confidence, reviewReason },
  });
}
