import "server-only";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";
import { auditDraw, routeReview } from "./routing";
import type { CandidateLabel, PairVerdict } from "./verdict";

const BATCH = 5000;

/**
 * Re-applies the routing to every judged pair of a project after its routing settings changed
 * (mode, threshold, audit share, uncertain-to-humans), so the human queue follows the settings.
 * Verdicts stay as they are; only reviewReason changes, and only where it differs.
 */
export async function rerouteJudgedPairs(project: Project): Promise<number> {
  let changed = 0;
  for (let after = ""; ; ) {
    const pairs = await db.pair.findMany({
      where: { projectId: project.id, judgeStatus: { not: null }, id: { gt: after } },
      select: { id: true, judgeStatus: true, judgeLabel: true, judgeConfidence: true, reviewReason: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (!pairs.length) return changed;
    after = pairs[pairs.length - 1]!.id;
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
}
