import "server-only";
import { bulkTransaction, type BulkClient } from "@/lib/bulk-db";
import { LABELS, tallyColumns } from "./precedence";

// Each counted vote's shape: its annotator, its choice, and how the other counted votes of its
// pair split per choice. The metrics' leave-one-out figures (agreement with the others, alpha,
// Fleiss' kappa) are functions of these shapes counted per annotator, so they are kept as running
// rows in "VoteShapeDelta" by statement-level triggers on "Vote" (migration vote_shapes): each
// statement appends the signed change it made, and a read folds the rows of a project together
// (foldVoteShapes) so they stay few. Like the tallies they follow pair_vote_counted, and like the
// tallies they count gold pairs too: the metrics subtract those on read (lib/metrics/queries.ts).

/**
 * A counted vote's others per choice (A, B, TIE, BOTH_BAD), as SQL: its pair's tally less the vote
 * itself. `vote` and `pair` are the query's aliases of "Vote" and "Pair".
 */
export function voteOthersSql(vote: string, pair: string): string {
  const tally = tallyColumns(pair);
  return LABELS.map((l) => `${tally[l]} - (${vote}."choice" = '${l}')::int`).join(", ");
}

/** Every vote shape of project $1 recounted from its votes: what the triggers keep. */
const SHAPES_FROM_VOTES = `
  SELECT v."projectId", v."userId", v."choice", ${voteOthersSql("v", "p")}, count(*)
  FROM "Vote" v JOIN "Pair" p ON p."id" = v."pairId"
  WHERE v."projectId" = $1 AND pair_vote_counted(v)
  GROUP BY 1, 2, 3, 4, 5, 6, 7`;

const COLUMNS = `"projectId", "userId", "choice", "othersA", "othersB", "othersTie", "othersBothBad", "votes"`;

/**
 * Rebuilds the project's vote shapes from its votes and their pairs' tallies. The caller holds
 * the lock of every pair of the project (recountProjectTallies), so no vote changes under it.
 */
export async function rebuildVoteShapes(c: BulkClient, projectId: string): Promise<void> {
  await c.query(`DELETE FROM "VoteShapeDelta" WHERE "projectId" = $1`, [projectId]);
  await c.query(`INSERT INTO "VoteShapeDelta" (${COLUMNS}) ${SHAPES_FROM_VOTES}`, [projectId]);
}

/**
 * Folds the project's appended rows into one row per shape, dropping shapes that cancelled out.
 * Rows appended meanwhile are not in the DELETE's snapshot and stay as they are; two folds at
 * once would only wait on each other, so a fold already running makes this one a no-op.
 * Returns the rows folded away.
 */
export function foldVoteShapes(projectId: string): Promise<number> {
  return bulkTransaction(async (c) => {
    const { rows } = await c.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_xact_lock(hashtext('vote-shapes'), hashtext($1)) AS locked`,
      [projectId],
    );
    if (!rows[0]?.locked) return 0;
    // Nothing to fold when every row is a shape of its own: no rewrite on a read of settled figures.
    const { rows: count } = await c.query<{ rows: number; shapes: number }>(
      `SELECT count(*)::int AS rows, count(DISTINCT ("userId", "choice", "othersA", "othersB", "othersTie", "othersBothBad"))
                FILTER (WHERE "votes" <> 0)::int AS shapes
       FROM "VoteShapeDelta" WHERE "projectId" = $1`,
      [projectId],
    );
    if (count[0]!.rows === count[0]!.shapes) return 0;
    const { rows: folded } = await c.query<{ before: number; after: number }>(
      `WITH gone AS (DELETE FROM "VoteShapeDelta" WHERE "projectId" = $1 RETURNING *),
       kept AS (
         INSERT INTO "VoteShapeDelta" (${COLUMNS})
         SELECT "projectId", "userId", "choice", "othersA", "othersB", "othersTie", "othersBothBad", sum("votes")
         FROM gone GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum("votes") <> 0
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM gone)::int AS before, (SELECT count(*) FROM kept)::int AS after`,
      [projectId],
    );
    return folded[0]!.before - folded[0]!.after;
  });
}
