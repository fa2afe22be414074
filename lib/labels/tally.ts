import "server-only";
import { bulkTransaction, type BulkClient } from "@/lib/bulk-db";
import { rebuildVoteShapes } from "./vote-shapes";

// Each pair's running tally of its counted votes lives on its row ("Pair"."votesA" … "votesEdited")
// and is kept by statement-level triggers on "Vote" (migration 20261202140000_pair_tally): every
// insert, update and delete of votes, by any path, adjusts the counts in the same statement.
// Which votes count is said once, by the SQL function pair_vote_counted(v "Vote"): those not
// excluded by the trust rule (migration trusted_votes_in_tally; flipping Vote.excluded is an update
// the triggers follow). Should the rule ever change for existing votes without a write to them
// (a function reading another table, say), recount the pairs concerned.

/** The counts of each given pair, recomputed from its votes: what the triggers keep. */
const RECOUNT_SQL = `
  UPDATE "Pair" p SET "votesA" = coalesce(d.a, 0), "votesB" = coalesce(d.b, 0), "votesTie" = coalesce(d.t, 0),
    "votesBothBad" = coalesce(d.x, 0), "votesFlagged" = coalesce(d.f, 0), "votesEdited" = coalesce(d.e, 0)
  FROM (SELECT p."id" AS pair_id FROM "Pair" p WHERE %WHERE%) t
  LEFT JOIN (
    SELECT v."pairId", count(*) FILTER (WHERE v."choice" = 'A')::int AS a, count(*) FILTER (WHERE v."choice" = 'B')::int AS b,
      count(*) FILTER (WHERE v."choice" = 'TIE')::int AS t, count(*) FILTER (WHERE v."choice" = 'BOTH_BAD')::int AS x,
      count(*) FILTER (WHERE cardinality(v."flags") > 0)::int AS f, count(*) FILTER (WHERE v."editedText" IS NOT NULL)::int AS e
    FROM "Vote" v WHERE v."pairId" IN (SELECT p."id" FROM "Pair" p WHERE %WHERE%) AND pair_vote_counted(v)
    GROUP BY 1
  ) d ON d."pairId" = t.pair_id
  WHERE p."id" = t.pair_id`;

async function recount(c: BulkClient, where: string, param: unknown): Promise<number> {
  // Lock first, in a statement of its own: the recount's snapshot then includes every vote
  // committed before the lock, and votes committed after it add their delta on top. The lock is
  // the one a tally update takes (NO KEY UPDATE): FOR UPDATE would also wait on, and could
  // deadlock with, the key-share lock a vote's insert takes on its pair to check the reference.
  await c.query(`SELECT 1 FROM "Pair" p WHERE ${where} ORDER BY p."id" FOR NO KEY UPDATE`, [param]);
  const r = await c.query(RECOUNT_SQL.replaceAll("%WHERE%", where), [param]);
  return r.rowCount ?? 0;
}

/** Recounts the tallies of these pairs from their votes; returns how many pairs were recounted. */
export function recountTallies(pairIds: readonly string[]): Promise<number> {
  if (!pairIds.length) return Promise.resolve(0);
  return bulkTransaction((c) => recount(c, `p."id" = ANY($1::text[])`, pairIds));
}

/**
 * Recounts the tallies of every pair of a project, its votes per annotator and day ("VoteDay",
 * the dashboard's, which the same triggers keep and which count every vote), and its vote shapes
 * (the metrics' leave-one-out rows).
 */
export function recountProjectTallies(projectId: string): Promise<number> {
  return bulkTransaction(async (c) => {
    const pairs = await recount(c, `p."projectId" = $1`, projectId);
    // After the pairs' lock: a vote committed later adds its own day's delta on top.
    await c.query(`DELETE FROM "VoteDay" WHERE "projectId" = $1`, [projectId]);
    await c.query(
      `INSERT INTO "VoteDay" ("projectId", "userId", "day", "votes", "timeMs")
       SELECT "projectId", "userId", "createdAt"::date, count(*), sum("timeOnItemMs") FROM "Vote"
       WHERE "projectId" = $1 GROUP BY 1, 2, 3`,
      [projectId],
    );
    await rebuildVoteShapes(c, projectId);
    return pairs;
  });
}
