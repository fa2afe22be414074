import "server-only";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";
import { auditDraw, routeReview } from "./routing";
import type { CandidateLabel, PairVerdict } from "./verdict";

/** A project's judged pairs with their stored verdict and routing, `size` at a time, by id. */
export async function* judgedPairBatches(projectId: string, size: number) {
  for (let after = ""; ;) {
    const pairs = await db.pair.findMany({
      where: { projectId, judgeStatus: { not: null }, id: { gt: after } },
      select: { id: true, judgeStatus: true, judgeLabel: true, judgeConfidence: true, reviewReason: true },
      orderBy: { id: "asc" },
      take: size,
    });
    if (!pairs.length) return;
    yield pairs;
    after = pairs[pairs.length - 1]!.id;
  }
}

/**
 * Re-applies the routing to every judged pair of a project after its routing settings changed
 * (mode, threshold, audit share, uncertain-to-humans), so the human queue follows the settings.
 * Verdicts stay as they are; only reviewReason changes, and only where it differs.
 */
export async function rerouteJudgedPairs(project: Project): Promise<number> {
  let changed = 0;
  for await (const pairs of judgedPairBatches(project.id, 5000)) {
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
