import "server-only";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";
import { judgedPairBatches } from "./reroute";
import { auditDraw, routeReview } from "./routing";
import { panelOf, settledVerdict, storedJudgmentSelect } from "./settle-pair";
import type { CandidateLabel } from "./verdict";

/**
 * Settles every judged pair again under the project's current panel, after judges left it:
 * the remaining judges have all judged those pairs already, so no judging run would. Pairs a
 * judge of the panel has not judged yet keep their verdict until it has (as after adding one).
 */
export async function resettleJudgedPairs(project: Project): Promise<number> {
  const panel = await panelOf(project.id);
  let changed = 0;
  for await (const pairs of judgedPairBatches(project.id, 2000)) {
    const judgments = await db.judgment.findMany({
      where: { pairId: { in: pairs.map((p) => p.id) }, endpointId: { in: panel } },
      select: { pairId: true, ...storedJudgmentSelect },
    });
    const byPair = new Map<string, typeof judgments>();
    for (const j of judgments) byPair.set(j.pairId, [...(byPair.get(j.pairId) ?? []), j]);
    for (const p of pairs) {
      const rows = (byPair.get(p.id) ?? []).map((r) => ({ ...r, winner: r.winner as CandidateLabel | null }));
      const verdict = settledVerdict(panel, rows);
      if (!verdict) continue;
      const reviewReason = routeReview(project, verdict, auditDraw(p.id));
      const same =
        verdict.status === p.judgeStatus &&
        verdict.label === p.judgeLabel &&
        verdict.confidence === p.judgeConfidence &&
        reviewReason === p.reviewReason;
      if (same) continue;
      await db.pair.update({
        where: { id: p.id },
        data: {
          judgeStatus: verdict.status,
          judgeLabel: verdict.label,
          judgeConfidence: verdict.confidence,
          reviewReason,
        },
      });
      changed++;
    }
  }
  return changed;
}
