import "server-only";
import { bulkPool } from "@/lib/bulk-db";
import { NotFoundError } from "@/lib/errors";
import { overlapWorkSql } from "@/lib/annotation";
import { judgeDecidesSql } from "@/lib/projects/modes";
import type { ProjectDashboard } from "./types";

export const DASHBOARD_DAYS = 30;
export const RECENT_VOTES = 500;

// Four small statements at once, each reading running figures or an index range:
// - "VoteDay" (votes per annotator and day, kept by the vote triggers) for the days and throughput;
// - each annotator's latest votes, newest first through the (projectId, userId, createdAt) index,
//   for the median time: a median needs the values, and the recent ones say how fast they work now;
// - the queue's own index on (projectId, voteCount) for the pairs still short of votes;
// - partial indexes on the candidates and judgments that carry a cost, and the document runs' tasks
//   (a document run keeps its calls' cost on its tasks: one call yields many items).

const daysSql = `SELECT "day"::text AS day, "userId", "votes"::int AS votes FROM "VoteDay" WHERE "projectId" = $1`;

const mediansSql = `
  SELECT u."id" AS "userId", u."email", m.median, m.n
  FROM (SELECT DISTINCT "userId" FROM "VoteDay" WHERE "projectId" = $1 AND "votes" > 0) a
  JOIN "User" u ON u."id" = a."userId"
  CROSS JOIN LATERAL (
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY r.t) AS median, count(*)::int AS n
    FROM (SELECT "timeOnItemMs" AS t FROM "Vote" WHERE "projectId" = $1 AND "userId" = a."userId"
          ORDER BY "createdAt" DESC LIMIT ${RECENT_VOTES}) r
  ) m`;

/**
 * LLM_JUDGE and HYBRID projects queue only the pairs routed to humans. Their pairs without any
 * judgment wait for a judging run, unless one is under way (it takes every such pair).
 */
const remainingSql = `
  SELECT
    (SELECT count(*)::int FROM "Pair" p WHERE p."projectId" = pr."id" AND p."voteCount" < pr."overlap"
       AND ${overlapWorkSql()}) AS pairs,
    (SELECT coalesce(sum(pr."overlap" - p."voteCount"), 0)::int FROM "Pair" p
       WHERE p."projectId" = pr."id" AND p."voteCount" < pr."overlap"
       AND ${overlapWorkSql()}) AS votes,
    (SELECT count(*)::int FROM "Task" t WHERE t."projectId" = pr."id" AND t."status" = 'PENDING') AS pending,
    (SELECT count(*)::int FROM "Task" t WHERE t."projectId" = pr."id" AND t."status" = 'RUNNING') AS running,
    pr."evaluationMode" = 'IMPLICIT' AS optional,
    CASE WHEN ${judgeDecidesSql(`pr."evaluationMode"`)} AND NOT EXISTS (
        SELECT 1 FROM "Run" r WHERE r."projectId" = pr."id" AND r."kind" = 'JUDGING' AND r."status" IN ('RUNNING', 'PAUSED'))
      THEN (SELECT count(*)::int FROM "Pair" p WHERE p."projectId" = pr."id"
              AND NOT EXISTS (SELECT 1 FROM "Judgment" j WHERE j."pairId" = p."id"))
      ELSE 0 END AS unjudged
  FROM "Project" pr WHERE pr."id" = $1`;

// Each kind of model work counted where its run card counts it (the executors' usage()), so the
// days add up to the runs' costs. A preference run's rejected answer is stored as a candidate with
// its cost and that cost is also on the run's task: it counts once, under documents. Leaving those
// candidates out costs the index-only scan of the costed candidates (the anti-join needs their
// id): 210-230 ms against 170-185 ms for 1,000,000 of them, measured on the embedded PostgreSQL.
const costSql = `
  SELECT day::text AS day, sum(gen)::float8 AS generation, sum(judge)::float8 AS judging, sum(doc)::float8 AS documents
  FROM (
    SELECT c."createdAt"::date AS day, c."costUsd" AS gen, 0 AS judge, 0 AS doc FROM "Candidate" c
    WHERE c."projectId" = $1 AND c."costUsd" IS NOT NULL
      AND NOT EXISTS (
        SELECT 1 FROM "Run" r
        JOIN "DocItem" d ON d."runId" = r."id" AND d."status" = 'KEPT'
        JOIN "Pair" p ON p."id" = d."pairId"
        WHERE r."projectId" = $1 AND r."kind" = 'DOC_PREFERENCES' AND p."candidateBId" = c."id")
    UNION ALL
    SELECT "createdAt"::date, 0, "costUsd", 0 FROM "Judgment" WHERE "projectId" = $1 AND "costUsd" IS NOT NULL
    UNION ALL
    -- A task has no creation time: its cost is written as it settles, and only a retry of a failed
    -- task touches it again (moving a failed call's cost to the day of the retry).
    SELECT t."updatedAt"::date, 0, 0, t."costUsd" FROM "Run" r JOIN "Task" t ON t."runId" = r."id"
    WHERE r."projectId" = $1 AND r."kind" IN ('DOC_INSTRUCTIONS', 'DOC_PREFERENCES') AND t."costUsd" IS NOT NULL
  ) c GROUP BY 1 ORDER BY 1`;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The project overview's dashboard; `now` fixes "today" (UTC). */
export async function getProjectDashboard(projectId: string, now = new Date()): Promise<ProjectDashboard> {
  const pool = bulkPool();
  const [days, medians, remaining, cost] = await Promise.all([
    pool.query<{ day: string; userId: string; votes: number }>(daysSql, [projectId]),
    pool.query<{ userId: string; email: string; median: number | null; n: number }>(mediansSql, [projectId]),
    pool.query<{
      pairs: number;
      votes: number;
      pending: number;
      running: number;
      optional: boolean;
      unjudged: number;
    }>(remainingSql, [projectId]),
    pool.query<{ day: string; generation: number; judging: number; documents: number }>(costSql, [projectId]),
  ]);
  const left = remaining.rows[0];
  if (!left) throw new NotFoundError("Project");

  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const window = Array.from({ length: DASHBOARD_DAYS }, (_, i) =>
    isoDay(new Date(today - (DASHBOARD_DAYS - 1 - i) * 86_400_000)),
  );
  const weekStart = window[DASHBOARD_DAYS - 7]!;
  const perDay = new Map<string, number>();
  const perUser = new Map<string, { votes: number; lastWeek: number; activeDays: number }>();
  for (const r of days.rows) {
    perDay.set(r.day, (perDay.get(r.day) ?? 0) + r.votes);
    const u = perUser.get(r.userId) ?? { votes: 0, lastWeek: 0, activeDays: 0 };
    u.votes += r.votes;
    if (r.day >= weekStart) u.lastWeek += r.votes;
    if (r.votes > 0) u.activeDays++;
    perUser.set(r.userId, u);
  }
  return {
    votesPerDay: window.map((day) => ({ day, votes: perDay.get(day) ?? 0 })),
    annotators: medians.rows
      .map((m) => ({
        userId: m.userId,
        email: m.email,
        ...(perUser.get(m.userId) ?? { votes: 0, lastWeek: 0, activeDays: 0 }),
        medianMs: m.median === null ? null : Math.round(m.median),
        medianOf: m.n,
      }))
      .sort((a, b) => b.votes - a.votes || a.email.localeCompare(b.email)),
    remaining: {
      votesOptional: left.optional,
      pairsNeedingVotes: left.pairs,
      votesNeeded: left.votes,
      pendingTasks: left.pending,
      runningTasks: left.running,
      pairsAwaitingJudge: left.unjudged,
    },
    costPerDay: cost.rows,
  };
}
