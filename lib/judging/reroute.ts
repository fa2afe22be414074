import "server-only";
import { db } from "@/lib/db";
import { Prisma, type Project } from "@/lib/generated/prisma/client";
import { pairStateBatches } from "./pair-state";
import { auditDraw, routeReview } from "./routing";
import type { CandidateLabel, PairVerdict } from "./verdict";

/**
 * Re-applies the routing to every judged pair of a project after its routing settings changed
 * (mode, threshold, audit share, uncertain-to-humans), so the human queue follows the settings.
 * Verdicts stay as they are; only reviewReason changes, and only where it differs.
 */
export async function rerouteJudgedPairs(project: Project): Promise<number> {
  let changed = 0;
  for await (const pairs of pairStateBatches(
    db,
    Prisma.sql`p."projectId" = ${project.id} AND p."judgeStatus" IS NOT NULL`,
    5000,
  )) {
    const updates = pairs.flatMap((p) => {
      const verdict = (
        p.judgeStatus === "AGREED"
          ? { status: "AGREED", label: p.judgeLabel as CandidateLabel, confidence: p.judgeConfidence ?? 0 }
          : { status: p.judgeStatus, label: null, confidence: null }
      ) as PairVerdict;
      const reason = routeReview(project, verdict, auditDraw(p.id));
      return reason === p.reviewReason ? [] : [{ id: p.id, reason }];
    });
    if (updates.length) {
      changed += await db.$executeRaw`
        UPDATE "Pair" p SET "reviewReason" = u.reason::"ReviewReason"
        FROM unnest(${updates.map((u) => u.id)}::text[], ${updates.map((u) => u.reason)}::text[]) AS u(id, reason)
        WHERE p."id" = u.id`;
    }
  }
  return changed;
}
