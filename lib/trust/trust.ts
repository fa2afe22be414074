import "server-only";
import { bulkPool, type BulkClient } from "@/lib/bulk-db";
import type { TrustRule } from "./rule";

// An annotator's gold answers are their votes on the project's gold pairs; an answer is right
// when it is the pair's gold label. The few gold pairs are found through their partial index and
// their votes through (pairId, userId), so this reads the gold votes only, never all votes.
const goldAnswers = `
  SELECT v."userId", count(*)::int AS answers,
         count(*) FILTER (WHERE v."choice"::text = p."goldLabel"::text)::int AS correct
  FROM "Pair" p JOIN "Vote" v ON v."pairId" = p."id"
  WHERE p."projectId" = $1 AND p."goldLabel" IS NOT NULL AND ($2::text IS NULL OR v."userId" = $2)
  GROUP BY v."userId"`;

/**
 * Sets Vote.excluded from the project's rule, for every annotator or only `userId` (after their
 * gold answer): all votes of an annotator below the rule are flagged, all others cleared. A new
 * vote copies its annotator's flag as it is recorded (lib/annotation/votes.ts), so the flag is
 * the same on all of an annotator's votes. Each changed pair's voteCount follows in the same
 * statement, so the queue serves it again for the votes it lacks. Returns the pairs whose counted
 * votes changed (their tallies follow by themselves: the Vote triggers apply pair_vote_counted to
 * the update). Pass `client` to run inside the caller's transaction.
 */
export async function applyTrust(
  projectId: string,
  { userId = null, client }: { userId?: string | null; client?: BulkClient } = {},
): Promise<string[]> {
  const { rows } = await (client ?? bulkPool()).query<{ pairId: string }>(
    `WITH rule AS (SELECT "trustMinAccuracy" AS min, "trustMinGold" AS m FROM "Project" WHERE "id" = $1),
     gold AS (${goldAnswers}),
     below AS (
       SELECT g."userId" FROM gold g, rule
       WHERE rule.min IS NOT NULL AND g.answers >= rule.m AND g.correct::float8 / g.answers < rule.min
     ),
     cleared AS (
       UPDATE "Vote" v SET "excluded" = false
       WHERE v."projectId" = $1 AND v."excluded" AND ($2::text IS NULL OR v."userId" = $2)
         AND v."userId" NOT IN (SELECT "userId" FROM below)
       RETURNING v."pairId"
     ),
     flagged AS (
       UPDATE "Vote" v SET "excluded" = true
       WHERE v."projectId" = $1 AND NOT v."excluded" AND v."userId" IN (SELECT "userId" FROM below)
       RETURNING v."pairId"
     ),
     changed AS (SELECT "pairId", 1 AS n FROM cleared UNION ALL SELECT "pairId", -1 AS n FROM flagged),
     -- A pair's voteCount is its counted votes (what the overlap asks for): a pair whose votes are
     -- left out goes back to the queue for the votes it now lacks.
     counted AS (
       UPDATE "Pair" p SET "voteCount" = p."voteCount" + d.n
       FROM (SELECT "pairId", sum(n)::int AS n FROM changed GROUP BY 1) d
       WHERE p."id" = d."pairId" AND d.n <> 0
     )
     SELECT DISTINCT "pairId" FROM changed`,
    [projectId, userId],
  );
  return rows.map((r) => r.pairId);
}

export interface GoldAccuracy {
  userId: string;
  email: string;
  /** Gold pairs the annotator answered (n). */
  answers: number;
  correct: number;
  accuracy: number;
  /** Their votes are left out under the project's rule. */
  excluded: boolean;
}

/** Each annotator's accuracy on the project's gold pairs, with the rule and the gold pair count. */
export async function goldAccuracy(
  projectId: string,
): Promise<{ rule: TrustRule; goldPairs: number; perAnnotator: GoldAccuracy[] }> {
  const pool = bulkPool();
  const [project, answers] = await Promise.all([
    pool.query<{ minAccuracy: number | null; minGold: number; goldPairs: number }>(
      `SELECT "trustMinAccuracy" AS "minAccuracy", "trustMinGold" AS "minGold",
              (SELECT count(*) FROM "Pair" WHERE "projectId" = $1 AND "goldLabel" IS NOT NULL)::int AS "goldPairs"
       FROM "Project" WHERE "id" = $1`,
      [projectId],
    ),
    pool.query<{ userId: string; email: string | null; answers: number; correct: number; excluded: boolean }>(
      `SELECT g.*, u."email",
              EXISTS (SELECT 1 FROM "Vote" x WHERE x."projectId" = $1 AND x."userId" = g."userId" AND x."excluded") AS excluded
       FROM (${goldAnswers}) g LEFT JOIN "User" u ON u."id" = g."userId"`,
      [projectId, null],
    ),
  ]);
  const { goldPairs, ...rule } = project.rows[0] ?? { minAccuracy: null, minGold: 0, goldPairs: 0 };
  return {
    rule,
    goldPairs,
    perAnnotator: answers.rows
      .map((r) => ({
        userId: r.userId,
        email: r.email ?? "deleted user",
        answers: r.answers,
        correct: r.correct,
        accuracy: r.correct / r.answers,
        excluded: r.excluded,
      }))
      .sort((a, b) => a.email.localeCompare(b.email)),
  };
}
