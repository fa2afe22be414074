import "server-only";
import { db } from "@/lib/db";
import type { WriteProgress } from "./schemas";

/** The writer's and the project's counts, in one statement so they agree with each other. */
export async function getWriteProgress(projectId: string, userId: string): Promise<WriteProgress> {
  const [row] = await db.$queryRaw<WriteProgress[]>`
    SELECT
      count(p."id") FILTER (WHERE p."writtenCount" < pr."writersPerPrompt" AND NOT EXISTS (
        SELECT 1 FROM "WriteAssignment" w WHERE w."promptId" = p."id" AND w."userId" = ${userId}
          AND w."status" <> 'OPEN'))::int AS "leftForYou",
      -- Held by others: prompts short of answers that other writers hold now (back if a hold ends unused).
      count(p."id") FILTER (WHERE p."writtenCount" < pr."writersPerPrompt" AND EXISTS (
        SELECT 1 FROM "WriteAssignment" w WHERE w."promptId" = p."id" AND w."userId" <> ${userId}
          AND w."status" = 'OPEN' AND w."leasedUntil" > now()))::int AS "heldByOthers",
      (SELECT count(*) FROM "Candidate" c WHERE c."projectId" = ${projectId} AND c."authorId" = ${userId})::int AS "mineTotal",
      coalesce(sum(least(p."writtenCount", pr."writersPerPrompt")), 0)::int AS "projectWritten",
      (count(p."id") * pr."writersPerPrompt")::int AS "projectWanted"
    FROM "Project" pr
    LEFT JOIN "Prompt" p ON p."projectId" = pr."id"
    WHERE pr."id" = ${projectId}
    GROUP BY pr."id"`;
  return row!;
}
