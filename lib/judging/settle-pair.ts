import "server-only";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";
import { panelVerdict } from "./panel";
import { auditDraw, routeReview } from "./routing";
import { combineOrders, type CandidateLabel, type OrderJudgment } from "./verdict";

/**
 * Once every judge of the project's panel has judged both orders of a pair, writes the pair's
 * verdict (the panel's majority, see panel.ts) and whether it goes to humans. Whoever stores the
 * last judgment sees them all (each reads after its own insert committed); the write is a
 * function of the judgments, so doing it twice changes nothing. Judgments of endpoints no longer
 * on the panel do not count.
 */
export async function settlePair(project: Project, pairId: string): Promise<void> {
  const [panel, rows] = await Promise.all([
    db.projectEndpoint.findMany({ where: { projectId: project.id, role: "JUDGE" }, select: { endpointId: true } }),
    db.judgment.findMany({
      where: { pairId },
      select: { endpointId: true, swapped: true, status: true, winner: true, scoreA: true, scoreB: true },
    }),
  ]);
  if (!panel.length) return;
  const order = (r: (typeof rows)[number]): OrderJudgment => ({ ...r, winner: r.winner as CandidateLabel | null });
  const verdicts = [];
  for (const { endpointId } of panel) {
    const straight = rows.find((r) => r.endpointId === endpointId && !r.swapped);
    const swapped = rows.find((r) => r.endpointId === endpointId && r.swapped);
    if (!straight || !swapped) return;
    verdicts.push(combineOrders(order(straight), order(swapped)));
  }
  const verdict = panelVerdict(verdicts);
  const reviewReason = routeReview(project, verdict, auditDraw(pairId));
  await db.pair.update({
    where: { id: pairId },
    data: { judgeStatus: verdict.status, judgeLabel: verdict.label, judgeConfidence: verdict.confidence, reviewReason },
  });
}
