import "server-only";

// SQL behind the metrics page. Each query aggregates in PostgreSQL and returns a handful of rows
// (counts per category or per shape), so a project of a million pairs never crosses the wire.
// $1 is always the project id.

/** Votes per pair and category, and the pair's majority label the way pairOutcome decides it. */
const votesPerPair = `
  pv AS (
    SELECT "pairId",
           count(*) FILTER (WHERE "choice" = 'A')::int AS a,
           count(*) FILTER (WHERE "choice" = 'B')::int AS b,
           count(*) FILTER (WHERE "choice" = 'TIE')::int AS t,
           count(*) FILTER (WHERE "choice" = 'BOTH_BAD')::int AS x
    FROM "Vote" WHERE "projectId" = $1 GROUP BY "pairId"
  ),
  majority AS (
    SELECT "pairId",
           CASE WHEN (a = m)::int + (b = m)::int + (t = m)::int + (x = m)::int > 1 THEN 'TIE'
                WHEN a = m THEN 'A' WHEN b = m THEN 'B' WHEN t = m THEN 'TIE' ELSE 'BOTH_BAD' END AS label
    FROM (SELECT *, greatest(a, b, t, x) AS m FROM pv) s
  )`;

/** Human label (adjudication, else majority) against the judge's AGREED label, counted per combination. */
export const judgeHumanSql = `
  WITH ${votesPerPair}
  SELECT coalesce(adj."label"::text, mj.label) AS human, p."judgeLabel"::text AS judge, count(*)::int AS n
  FROM "Pair" p
  LEFT JOIN "Adjudication" adj ON adj."pairId" = p."id"
  LEFT JOIN majority mj ON mj."pairId" = p."id"
  WHERE p."projectId" = $1 AND p."judgeStatus" = 'AGREED' AND p."judgeLabel" IN ('A', 'B', 'TIE')
    AND coalesce(adj."label"::text, mj.label) IS NOT NULL
  GROUP BY 1, 2`;

/**
 * Decided pairs (the export's precedence: adjudication, human majority, the judge's AGREED label,
 * then the implicit or imported label; only A or B decides), their chosen and rejected answers'
 * roles and lengths. One row per log2-ratio bin, plus the total row (is_total) for the figures.
 * The bin formula mirrors log2Bin in length-bias.ts.
 */
export const decidedPairsSql = `
  WITH ${votesPerPair},
  decided AS (
    SELECT p."candidateAId" AS ca, p."candidateBId" AS cb,
           coalesce(adj."label"::text, mj.label,
                    CASE WHEN p."judgeStatus" = 'AGREED' THEN p."judgeLabel"::text END,
                    p."implicitLabel"::text, p."sourceLabel"::text) AS label
    FROM "Pair" p
    LEFT JOIN "Adjudication" adj ON adj."pairId" = p."id"
    LEFT JOIN majority mj ON mj."pairId" = p."id"
    WHERE p."projectId" = $1
  ),
  sides AS (
    SELECT ch."role"::text AS chosen_role, rj."role"::text AS rejected_role,
           char_length(ch."text") AS lc, char_length(rj."text") AS lr
    FROM decided d
    JOIN "Candidate" ch ON ch."id" = CASE WHEN d.label = 'A' THEN d.ca ELSE d.cb END
    JOIN "Candidate" rj ON rj."id" = CASE WHEN d.label = 'A' THEN d.cb ELSE d.ca END
    WHERE d.label IN ('A', 'B')
  ),
  binned AS (
    SELECT *, CASE WHEN lc > 0 AND lr > 0
                   THEN least(greatest(floor(ln(lc::float8 / lr) / ln(2) / $2), $3), $4)::int END AS bin
    FROM sides
  )
  SELECT GROUPING(bin) = 1 AS is_total, bin, count(*)::int AS n,
         count(*) FILTER (WHERE lc > lr)::int AS longer,
         count(*) FILTER (WHERE lc > 0 AND lr > 0)::int AS with_ratio,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY lc::float8 / nullif(lr, 0)) FILTER (WHERE lc > 0 AND lr > 0) AS median,
         count(*) FILTER (WHERE (chosen_role, rejected_role) IN (('STRONG', 'WEAK'), ('WEAK', 'STRONG')))::int AS strong_weak,
         count(*) FILTER (WHERE chosen_role = 'STRONG' AND rejected_role = 'WEAK')::int AS strong_wins
  FROM binned
  GROUP BY GROUPING SETS ((bin), ())`;

/** Per pair and judge endpoint: both orders OK, and whether their verdicts differ; plus first-shown wins. */
export const positionSql = `
  WITH per AS (
    SELECT count(*) FILTER (WHERE "status" = 'OK') AS ok,
           count(DISTINCT "winner") FILTER (WHERE "status" = 'OK') AS verdicts
    FROM "Judgment" WHERE "projectId" = $1 GROUP BY "pairId", "endpointId"
  )
  SELECT (SELECT count(*) FROM per WHERE ok = 2)::int AS both_orders,
         (SELECT count(*) FROM per WHERE ok = 2 AND verdicts = 2)::int AS inconsistent,
         count(*)::int AS decisive,
         count(*) FILTER (WHERE ("winner" = 'A') <> "swapped")::int AS first_wins
  FROM "Judgment"
  WHERE "projectId" = $1 AND "status" = 'OK' AND "winner" IN ('A', 'B')`;

/** Pairs with 2+ votes grouped by their vote counts per category (A, B, TIE, BOTH_BAD). */
export const ratedItemsSql = `
  WITH ${votesPerPair}
  SELECT a, b, t, x, count(*)::int AS items FROM pv WHERE a + b + t + x >= 2 GROUP BY a, b, t, x`;

/** Each vote on a pair with 2+ votes, grouped by voter, choice, and the other voters' counts. */
export const leaveOneOutSql = `
  WITH ${votesPerPair}
  SELECT v."userId" AS user_id, v."choice"::text AS choice,
         pv.a - (v."choice" = 'A')::int AS oa, pv.b - (v."choice" = 'B')::int AS ob,
         pv.t - (v."choice" = 'TIE')::int AS ot, pv.x - (v."choice" = 'BOTH_BAD')::int AS ox,
         count(*)::int AS votes
  FROM "Vote" v JOIN pv ON pv."pairId" = v."pairId"
  WHERE v."projectId" = $1 AND pv.a + pv.b + pv.t + pv.x >= 2
  GROUP BY 1, 2, 3, 4, 5, 6`;
