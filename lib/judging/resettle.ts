import "server-only";
import { db } from "@/lib/db";
import { Prisma, type Project } from "@/lib/generated/prisma/client";
import { auditDraw, routeReview } from "./routing";
import { pairStateBatches, pairStates, type PairState } from "./pair-state";
import { lockPanelShared, panelOf, settledVerdict, storedJudgmentSelect } from "./settle-pair";
import type { CandidateLabel } from "./verdict";

export { lockPanel } from "./settle-pair";

type Client = Prisma.TransactionClient;

/**
 * Settles the pairs of each batch again from their judgments under the project's current panel,
 * writing only the pairs whose verdict or routing differs. Pairs a judge of the panel has not
 * judged in both orders yet keep what they have. Returns how many changed.
 */
async function resettle(
  client: Client,
  project: Project,
  panel: string[],
  batches: AsyncIterable<PairState[]>,
): Promise<number> {
  let changed = 0;
  for await (const pairs of batches) {
    const judgments = await client.judgment.findMany({
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
      await client.pair.update({
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
 * After the project's panel of judges changed (in the transaction that changed it, the project
 * row locked): every pair's verdict becomes the new panel's. A pair the panel has not judged in
 * both orders by every judge loses its verdict and its routing (pending: a judging run asks only
 * the missing orders); a pair it has judged is settled from the judgments of the panel's judges
 * alone. Judgments of judges that left stay stored and count nowhere. Returns how many pairs
 * changed.
 */
export async function settleAfterPanelChange(tx: Client, project: Project): Promise<number> {
  const panel = await panelOf(project.id, tx);
  const cleared = await tx.$executeRaw`
    UPDATE "Pair" p
    SET "judgeStatus" = NULL, "judgeLabel" = NULL, "judgeConfidence" = NULL, "reviewReason" = NULL
    WHERE p."projectId" = ${project.id}
      AND (p."judgeStatus" IS NOT NULL OR p."reviewReason" IS NOT NULL)
      AND (cardinality(${panel}::text[]) = 0 OR EXISTS (
        SELECT 1 FROM unnest(${panel}::text[]) AS e(id) CROSS JOIN (VALUES (false), (true)) AS o(swapped)
        WHERE NOT EXISTS (
          SELECT 1 FROM "Judgment" j WHERE j."pairId" = p."id" AND j."endpointId" = e.id AND j."swapped" = o.swapped)))`;
  if (!panel.length) return cleared;
  return (
    cleared +
    (await resettle(
      tx,
      project,
      panel,
      pairStateBatches(
        tx,
        // The pairs some judge of the panel has judged.
        Prisma.sql`p."projectId" = ${project.id}
      AND EXISTS (SELECT 1 FROM "Judgment" j WHERE j."pairId" = p."id" AND j."endpointId" = ANY(${panel}::text[]))`,
        2000,
      ),
    ))
  );
}

/**
 * Settles the pairs of a judging run whose last judgment was stored by a worker that died before
 * it settled the pair (see settlePair): without this, such a pair kept no verdict although every
 * judgment it needs was in. Batch by batch, each under the panel as it is then (a batch waits
 * while the panel changes, see settlePair).
 */
export async function settleRunPairs(runId: string): Promise<number> {
  const project = await db.project.findFirstOrThrow({ where: { runs: { some: { id: runId } } } });
  let changed = 0;
  // The pairs the run's finished tasks judged.
  const judged = Prisma.sql`p."id" IN (SELECT t."pairId" FROM "Task" t WHERE t."runId" = ${runId} AND t."status" IN ('DONE', 'FAILED'))`;
  for await (const batch of pairStateBatches(db, judged, 2000)) {
    changed += await db.$transaction(
      async (tx) => {
        await lockPanelShared(tx, project.id);
        const panel = await panelOf(project.id, tx);
        const fresh = await pairStates(
          tx,
          batch.map((p) => p.id),
        );
        return resettle(
          tx,
          project,
          panel,
          (async function* () {
            yield fresh;
          })(),
        );
      },
      { timeout: 120_000 },
    );
  }
  return changed;
}
