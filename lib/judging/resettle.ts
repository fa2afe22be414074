import "server-only";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";
import { judgedPairBatches } from "./reroute";
import { auditDraw, routeReview } from "./routing";
import { panelOf, settledVerdict, storedJudgmentSelect } from "./settle-pair";
import type { CandidateLabel } from "./verdict";

type PairState = {
  id: string;
  judgeStatus: string | null;
  judgeLabel: string | null;
  judgeConfidence: number | null;
  reviewReason: string | null;
};

/**
 * Settles the pairs of each batch again from their judgments under the project's current panel,
 * writing only the pairs whose verdict or routing differs. Pairs a judge of the panel has not
 * judged in both orders yet keep what they have. Returns how many changed.
 */
async function resettle(project: Project, batches: AsyncIterable<PairState[]>): Promise<number> {
  const panel = await panelOf(project.id);
  let changed = 0;
  for await (const pairs of batches) {
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

/**
 * Settles every judged pair again under the project's current panel, after judges left it:
 * the remaining judges have all judged those pairs already, so no judging run would. Pairs a
 * judge of the panel has not judged yet keep their verdict until it has (as after adding one).
 */
export const resettleJudgedPairs = (project: Project): Promise<number> =>
  resettle(project, judgedPairBatches(project.id, 2000));

/** The pairs a judging run's finished tasks judged, a batch at a time. */
async function* runPairBatches(runId: string, size: number): AsyncIterable<PairState[]> {
  for (let after = ""; ;) {
    const pairs = await db.$queryRaw<PairState[]>`
      SELECT p."id", p."judgeStatus"::text AS "judgeStatus", p."judgeLabel"::text AS "judgeLabel",
             p."judgeConfidence", p."reviewReason"::text AS "reviewReason"
      FROM "Pair" p
      WHERE p."id" > ${after}
        AND p."id" IN (SELECT t."pairId" FROM "Task" t WHERE t."runId" = ${runId} AND t."status" IN ('DONE', 'FAILED'))
      ORDER BY p."id" LIMIT ${size}`;
    if (!pairs.length) return;
    yield pairs;
    after = pairs[pairs.length - 1]!.id;
  }
}

/**
 * Settles the pairs of a judging run whose last judgment was stored by a worker that died before
 * it settled the pair (see settlePair): without this, such a pair kept no verdict, or its old
 * panel's, although every judgment it needs was in.
 */
export async function settleRunPairs(runId: string): Promise<number> {
  const project = await db.project.findFirstOrThrow({ where: { runs: { some: { id: runId } } } });
  return resettle(project, runPairBatches(runId, 2000));
}
