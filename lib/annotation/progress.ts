import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { judgeDecidesSql } from "@/lib/projects/modes";
import { servableSql } from "./queue";
import type { Progress } from "./schemas";

/**
 * The annotator's and the project's counts, read in one statement so they agree with each other.
 * The project's are of the pairs its queue serves.
 */
export async function getProgress(projectId: string, userId: string): Promise<Progress> {
  const today = new Date();
  today.setHours(0, 0, 0, 0); // the server's day
  const [row] = await db.$queryRaw<Progress[]>`
    SELECT
      (SELECT count(*) FROM "Vote" WHERE "projectId" = ${projectId} AND "userId" = ${userId} AND "createdAt" >= ${today})::int AS "mineToday",
      (SELECT count(*) FROM "Vote" WHERE "projectId" = ${projectId} AND "userId" = ${userId})::int AS "mineTotal",
      count(*) FILTER (WHERE p."voteCount" >= pr."overlap")::int AS "projectDone",
      count(p."id")::int AS "projectTotal",
      -- Left for you: pairs this annotator holds, or could still be served (room left after votes
      -- and others' live holds, not had before, and the queue's own rules: not reserved for
      -- others, no answer of theirs), as the queue decides.
      count(*) FILTER (WHERE p."voteCount" < pr."overlap" AND (
        EXISTS (SELECT 1 FROM "Assignment" a WHERE a."pairId" = p."id" AND a."userId" = ${userId} AND a."status" = 'OPEN')
        OR (NOT EXISTS (SELECT 1 FROM "Assignment" a WHERE a."pairId" = p."id" AND a."userId" = ${userId})
          AND ${Prisma.raw(servableSql(`me."id"`))}
          AND p."voteCount" + (SELECT count(*) FROM "Assignment" h WHERE h."pairId" = p."id" AND h."status" = 'OPEN'
            AND h."leasedUntil" > now()) < pr."overlap")))::int AS "leftForYou",
      -- Held by others: pairs short of votes that others hold now, and that come back if they let go.
      count(*) FILTER (WHERE p."voteCount" < pr."overlap" AND EXISTS (SELECT 1 FROM "Assignment" h
        WHERE h."pairId" = p."id" AND h."status" = 'OPEN' AND h."leasedUntil" > now() AND h."userId" <> ${userId}))::int
        AS "heldByOthers"
    FROM "Project" pr
    CROSS JOIN (SELECT ${userId}::text AS "id") me
    -- Judged projects queue only the pairs routed to humans; the others are the judge's.
    LEFT JOIN "Pair" p ON p."projectId" = pr."id"
      AND (NOT ${Prisma.raw(judgeDecidesSql(`pr."evaluationMode"`))} OR p."reviewReason" IS NOT NULL)
      -- Gold pairs are not work to finish: each annotator answers them as they are served.
      AND p."goldLabel" IS NULL
    WHERE pr."id" = ${projectId}
    GROUP BY pr."id", me."id"`;
  return row!;
}
