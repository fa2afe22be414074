import "server-only";
import { db } from "@/lib/db";

export interface RunVerdicts {
  /** Pairs the run judged. */
  pairs: number;
  agreed: number;
  uncertain: number;
  failed: number;
  /** Pairs without a verdict: not judged yet in both orders, or a task of theirs failed (Retry failed asks again). */
  noVerdict: number;
  /** Pairs sent to the human queue, by reason. */
  toHumans: { uncertain: number; lowConfidence: number; audit: number; judgeFailed: number };
}

/** How the pairs of a judging run came out, and which went to humans and why. */
export async function getRunVerdicts(runId: string): Promise<RunVerdicts> {
  const [r] = await db.$queryRaw<
    (Omit<RunVerdicts, "toHumans"> & Record<"rUncertain" | "rLow" | "rAudit" | "rFailed", number>)[]
  >`
    SELECT count(*)::int AS pairs,
      count(*) FILTER (WHERE p."judgeStatus" = 'AGREED')::int AS agreed,
      count(*) FILTER (WHERE p."judgeStatus" = 'UNCERTAIN')::int AS uncertain,
      count(*) FILTER (WHERE p."judgeStatus" = 'FAILED')::int AS failed,
      count(*) FILTER (WHERE p."judgeStatus" IS NULL)::int AS "noVerdict",
      count(*) FILTER (WHERE p."reviewReason" = 'UNCERTAIN')::int AS "rUncertain",
      count(*) FILTER (WHERE p."reviewReason" = 'LOW_CONFIDENCE')::int AS "rLow",
      count(*) FILTER (WHERE p."reviewReason" = 'AUDIT')::int AS "rAudit",
      count(*) FILTER (WHERE p."reviewReason" = 'JUDGE_FAILED')::int AS "rFailed"
    FROM "Pair" p
    WHERE p."id" IN (SELECT t."pairId" FROM "Task" t WHERE t."runId" = ${runId})`;
  const { rUncertain, rLow, rAudit, rFailed, ...counts } = r!;
  return { ...counts, toHumans: { uncertain: rUncertain, lowConfidence: rLow, audit: rAudit, judgeFailed: rFailed } };
}
