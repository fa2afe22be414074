import "server-only";
import { db } from "@/lib/db";
import type { Prisma, Project } from "@/lib/generated/prisma/client";
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

export const panelOf = async (projectId: string, client: Prisma.TransactionClient = db) =>
  (await client.projectEndpoint.findMany({ where: { projectId, role: "JUDGE" }, select: { endpointId: true } })).map(
    (p) => p.endpointId,
  );

/**
 * Settling a pair reads the panel and then writes the verdict; a panel change in between would
 * leave the old panel's verdict on a pair the change had just cleared. Settling holds the project
 * row in KEY SHARE mode (settles do not wait for each other, nor for settings edits); a panel
 * change takes it FOR UPDATE (lockPanel), so each waits for the other to commit.
 */
export async function lockPanelShared(tx: Prisma.TransactionClient, projectId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Project" WHERE "id" = ${projectId} FOR KEY SHARE`;
}

/** Taken by whoever changes a project's panel, before it does; see lockPanelShared. */
export async function lockPanel(tx: Prisma.TransactionClient, projectId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Project" WHERE "id" = ${projectId} FOR UPDATE`;
}

/**
 * Once every judge of the project's panel has judged both orders of a pair, writes the pair's
 * verdict (the panel's majority, see panel.ts) and whether it goes to humans. Whoever stores the
 * last judgment sees them all (each reads after its own insert committed); the write is a
 * function of the judgments, so doing it twice changes nothing.
 */
export async function settlePair(project: Project, pairId: string): Promise<void> {
  await db.$transaction(
    async (tx) => {
      await lockPanelShared(tx, project.id);
      const [panel, rows] = await Promise.all([
        panelOf(project.id, tx),
        tx.judgment.findMany({ where: { pairId }, select: storedJudgmentSelect }),
      ]);
      const verdict = settledVerdict(
        panel,
        rows.map((r) => ({ ...r, winner: r.winner as CandidateLabel | null })),
      );
      if (!verdict) return;
      const reviewReason = routeReview(project, verdict, auditDraw(pairId));
      await tx.pair.update({
        where: { id: pairId },
        data: {
          judgeStatus: verdict.status,
          judgeLabel: verdict.label,
          judgeConfidence: verdict.confidence,
          reviewReason,
        },
      });
    },
    // A panel change settling a large project holds the project row for a while: wait it out.
    { timeout: 300_000 },
  );
}
