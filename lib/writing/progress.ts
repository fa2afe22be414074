import "server-only";
import { db } from "@/lib/db";
import type { WriteProgress } from "./schemas";

/**
 * The writer's and the project's counts, in one statement so they agree with each other. Each
 * prompt short of answers reads its write assignments once (one probe of the prompt's index).
 */
export async function getWriteProgress(projectId: string, userId: string): Promise<WriteProgress> {
  const [row] = await db.$queryRaw<WriteProgress[]>`
    SELECT
      count(p."id") FILTER (WHERE p."writtenCount" < pr."writersPerPrompt" AND NOT coalesce(w.done, false))::int
        AS "leftForYou",
      -- Held by others: prompts short of answers that other writers hold now (back if a hold ends unused).
      count(p."id") FILTER (WHERE p."writtenCount" < pr."writersPerPrompt" AND w.others > 0)::int AS "heldByOthers",
      (SELECT count(*) FROM "Candidate" c WHERE c."projectId" = ${projectId} AND c."authorId" = ${userId})::int AS "mineTotal",
      coalesce(sum(least(p."writtenCount", pr."writersPerPrompt")), 0)::int AS "projectWritten",
      (count(p."id") * pr."writersPerPrompt")::int AS "projectWanted"
    FROM "Project" pr
    LEFT JOIN "Prompt" p ON p."projectId" = pr."id"
    LEFT JOIN LATERAL (
      -- done: the writer answered or skipped this prompt; others: live holds of other writers.
      SELECT bool_or(a."userId" = ${userId} AND a."status" <> 'OPEN') AS done,
             count(*) FILTER (WHERE a."userId" <> ${userId} AND a."status" = 'OPEN' AND a."leasedUntil" > now()) AS others
      FROM "WriteAssignment" a WHERE a."promptId" = p."id" AND p."writtenCount" < pr."writersPerPrompt"
    ) w ON true
    WHERE pr."id" = ${projectId}
    GROUP BY pr."id"`;
  return row!;
}
