import "server-only";
import { bulkPool, bulkTransaction } from "@/lib/bulk-db";

// The judge figures of the metrics page (position bias, verdicts that differ between the two
// orders, failed orders) as running figures. Per pair and judge there are at most two judgments
// (one per order); the figures count those groups and the judgments in them. The Judgment
// triggers (migration judge_figures) append each statement's signed change to
// "JudgeFigureDelta", so reading them costs a sum over a few rows instead of grouping every
// judgment of the project; the read folds the appended rows together first.

/** The six counters, per project. */
export interface JudgeFigures {
  /** Pair-judge groups with both orders in. */
  judged: number;
  /** Of those, groups with a failed order. */
  failedPairs: number;
  /** Groups with both orders OK. */
  bothOrders: number;
  /** Of those, groups whose two winners differ. */
  inconsistent: number;
  /** OK judgments naming A or B. */
  decisive: number;
  /** Of those, the ones won by the answer shown first. */
  firstWins: number;
}

const COUNTERS = ["judged", "failedPairs", "bothOrders", "inconsistent", "decisive", "firstWins"] as const;
const sums = COUNTERS.map((c) => `coalesce(sum("${c}"), 0)::int AS "${c}"`).join(", ");

/** Project $1's figures from its running rows, of the judges $2 (all when null). */
const RUNNING_SQL = `SELECT ${sums} FROM "JudgeFigureDelta" WHERE "projectId" = $1 AND ($2::text[] IS NULL OR "endpointId" = ANY($2))`;

const COLUMNS = COUNTERS.map((c) => `"${c}"`).join(", ");

/**
 * Project $1's figures recounted from its judgments, grouped per pair and judge, through the
 * per-group function the triggers use (judge_group_figures): what the triggers keep.
 */
const FROM_JUDGMENTS_SQL = `
  SELECT $1, g."endpointId", ${COUNTERS.map((c) => `coalesce(sum(f."${c}"), 0)`).join(", ")}
  FROM (
    SELECT "endpointId", count(*) AS orders, count(*) FILTER (WHERE "status" = 'FAILED') AS failed,
           ${["A", "B", "TIE", "BOTH_BAD"].map((w, i) => `count(*) FILTER (WHERE "status" = 'OK' AND "winner" = '${w}') AS ok${i}`).join(", ")},
           count(*) FILTER (WHERE "status" = 'OK' AND "winner" IN ('A', 'B') AND ("winner" = 'A') <> "swapped") AS first_wins
    FROM "Judgment" WHERE "projectId" = $1 GROUP BY "pairId", "endpointId"
  ) g CROSS JOIN LATERAL judge_group_figures(g.orders, g.failed, g.ok0, g.ok1, g.ok2, g.ok3, g.first_wins) f
  GROUP BY g."endpointId"`;

/**
 * Replaces the project's running rows by a recount of its judgments, for rows written with the
 * triggers off (the benches' bulk seeding). Holds every lock the triggers take (256 buckets), so
 * no judgment is stored meanwhile and counted twice or not at all.
 */
export function recountJudgeFigures(projectId: string): Promise<void> {
  return bulkTransaction(async (c) => {
    await c.query(`SELECT count(pg_advisory_xact_lock(hashtext('judge-figures'), b)) FROM generate_series(0, 255) b`);
    await c.query(`DELETE FROM "JudgeFigureDelta" WHERE "projectId" = $1`, [projectId]);
    await c.query(`INSERT INTO "JudgeFigureDelta" ("projectId", "endpointId", ${COLUMNS}) ${FROM_JUDGMENTS_SQL}`, [
      projectId,
    ]);
  });
}

/**
 * Folds the project's appended rows into one per judge. Rows appended meanwhile are not in the DELETE's
 * snapshot and stay as they are; a fold already running makes this one a no-op.
 */
export function foldJudgeFigures(projectId: string): Promise<void> {
  return bulkTransaction(async (c) => {
    const { rows } = await c.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_xact_lock(hashtext('judge-figures-fold'), hashtext($1)) AS locked`,
      [projectId],
    );
    if (!rows[0]?.locked) return;
    // Nothing to fold when the project has one row per judge: no rewrite on a read of settled figures.
    const { rows: count } = await c.query<{ n: number; judges: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT "endpointId")::int AS judges FROM "JudgeFigureDelta" WHERE "projectId" = $1`,
      [projectId],
    );
    if (count[0]!.n <= count[0]!.judges) return;
    await c.query(
      `WITH gone AS (DELETE FROM "JudgeFigureDelta" WHERE "projectId" = $1 RETURNING *)
       INSERT INTO "JudgeFigureDelta" ("projectId", "endpointId", ${COLUMNS})
       SELECT $1, "endpointId", ${COUNTERS.map((k) => `coalesce(sum("${k}"), 0)`).join(", ")} FROM gone GROUP BY "endpointId"`,
      [projectId],
    );
  });
}

/**
 * The project's judge figures, from its running rows (folded first): of the judges `panel` (the
 * metrics pass the current panel), or of every judge that ever judged its pairs.
 */
export async function judgeFigures(projectId: string, panel: string[] | null = null): Promise<JudgeFigures> {
  await foldJudgeFigures(projectId);
  const { rows } = await bulkPool().query<JudgeFigures>(RUNNING_SQL, [projectId, panel]);
  return rows[0]!;
}
