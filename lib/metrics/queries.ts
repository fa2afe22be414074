import "server-only";
import { acceptedBySql, humanSql, labelSql, pairMajoritySql, voteOthersSql } from "@/lib/labels";

// The SQL behind the metrics page: the judge-vs-human and outcome figures, reading each pair's
// majority from its running tally of votes (no vote is read); the leave-one-out rows from the
// running vote shapes. (The position-bias figures are running figures too: judge-figures.ts.)
// The five queries before each regrouped the 3,000,000 votes of a large project, four at a
// time on two cores.
// Each aggregates in PostgreSQL and returns a handful of rows (counts per category, bin or
// annotator), so no pair crosses the wire.
// $1 is the project id; $2–$4 the length histogram's bin width, lowest and highest bin.

/** The pair's majority label, stored with its tally (lib/labels/precedence.ts). */
const votes = pairMajoritySql("p");
const human = humanSql(`adj."label"`, votes.label);

const decided = labelSql(
  {
    human: "l0.human",
    judgeStatus: `l0."judgeStatus"`,
    judgeLabel: `l0."judgeLabel"`,
    implicitLabel: `l0."implicitLabel"`,
    sourceLabel: `l0."sourceLabel"`,
  },
  // What the project's mode accepts, as its export: in a project people decide, an unvoted
  // pair's implicit label (the strong or the author's answer, by construction) is no decision.
  // The mode is read once for the statement.
  acceptedBySql(`(SELECT "evaluationMode" FROM "Project" WHERE "id" = $1)`),
);

/**
 * Every pair of the project with its human label (adjudication, else vote majority) and its
 * decided label: the shared precedence, with the sources the project's mode accepts. Gold pairs
 * are not part of the dataset, so no figure counts them.
 */
const labelledPairsWhere = (only = "") => `
  labelled AS NOT MATERIALIZED (
    SELECT l0.*, ${decided.label} AS label FROM (
      SELECT p."id", p."candidateAId" AS ca, p."candidateBId" AS cb, p."judgeStatus" = 'AGREED' AS agreed,
             p."charsA", p."charsB", p."roleA", p."roleB",
             p."judgeStatus", p."judgeLabel", p."implicitLabel", p."sourceLabel",
             ${human} AS human, adj."label" IS NULL AND ${votes.split} AS split
      FROM "Pair" p
      LEFT JOIN "Adjudication" adj ON adj."pairId" = p."id"
      WHERE p."projectId" = $1 AND p."goldLabel" IS NULL${only}
    ) l0
  )`;
const labelledPairs = labelledPairsWhere();

/** The pairs of a project ($1) with their decided label: what the metrics count, pair by pair. */
export const labelledPairsSql = `WITH ${labelledPairs} SELECT "id", label, human FROM labelled`;

/**
 * labelledPairsSql for the pairs holding a human-written answer only: found from the project's
 * human answers (a partial index) through the pairs' candidate indexes, so a project of a million
 * model-only pairs reads none of them.
 */
export const humanLabelledPairsSql = `WITH ${labelledPairsWhere(` AND p."id" IN (
        SELECT x."id" FROM "Candidate" c JOIN "Pair" x ON x."candidateAId" = c."id"
        WHERE c."projectId" = $1 AND c."source" = 'HUMAN'
        UNION ALL
        SELECT x."id" FROM "Candidate" c JOIN "Pair" x ON x."candidateBId" = c."id"
        WHERE c."projectId" = $1 AND c."source" = 'HUMAN')`)}
  SELECT "id", label, human FROM labelled`;

/**
 * What the figures need of each pair, in one narrow row, written once (parallel scan of the
 * pairs) and read by each figure: the judge-vs-human key, and for pairs decided A or B the
 * chosen and rejected answers' roles and lengths. Lengths and roles are the pair's own copies
 * of its candidates' (migration pair_answer_facts). On a million pairs, this one scan took
 * 1.5 s where a scan per figure took 1.85 s.
 * jh is the human label against the judge's AGREED label (A, B or TIE); an even split of the
 * votes counts as SPLIT, apart from the ties annotators chose.
 */
const facts = `
  facts AS MATERIALIZED (
    SELECT CASE WHEN agreed AND "judgeLabel" IN ('A', 'B', 'TIE') AND human IS NOT NULL
                THEN CASE WHEN split THEN 'SPLIT' ELSE human::text END END AS jh,
           "judgeLabel" AS judge, "judgeStatus" AS js,
           CASE WHEN label = 'A' THEN "roleA" WHEN label = 'B' THEN "roleB" END AS chosen_role,
           CASE WHEN label = 'A' THEN "roleB" WHEN label = 'B' THEN "roleA" END AS rejected_role,
           CASE WHEN label = 'A' THEN "charsA" WHEN label = 'B' THEN "charsB" END AS lc,
           CASE WHEN label = 'A' THEN "charsB" WHEN label = 'B' THEN "charsA" END AS lr
    FROM labelled
  )`;

/** Human label against the judge's, counted per combination. */
const judgeHuman = `
  judge_human AS (
    SELECT jh AS human, judge, count(*)::int AS n FROM facts WHERE jh IS NOT NULL GROUP BY 1, 2
  )`;

/**
 * Decided pairs (only A or B decides): one row per log2-ratio bin of their lengths, plus the
 * total row (is_total) for the figures. The bin formula mirrors log2Bin in length-bias.ts. The
 * median ratio is the total's only: computed per bin too, it sorted every decided pair twice.
 */
const outcomes = `
  sides AS (SELECT * FROM facts WHERE lc IS NOT NULL),
  binned AS (
    SELECT *, CASE WHEN lc > 0 AND lr > 0
                   THEN least(greatest(floor(ln(lc::float8 / lr) / ln(2) / $2), $3), $4)::int END AS bin
    FROM sides
  ),
  median AS (
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lc::float8 / lr) AS ratio FROM sides WHERE lc > 0 AND lr > 0
  ),
  outcomes AS (
    SELECT GROUPING(bin) = 1 AS is_total, bin, count(*)::int AS n,
           count(*) FILTER (WHERE lc > lr)::int AS longer,
           count(*) FILTER (WHERE lc > 0 AND lr > 0)::int AS with_ratio,
           CASE WHEN GROUPING(bin) = 1 THEN (SELECT ratio FROM median) END AS median,
           count(*) FILTER (WHERE (chosen_role, rejected_role) IN (('STRONG', 'WEAK'), ('WEAK', 'STRONG')))::int AS strong_weak,
           count(*) FILTER (WHERE chosen_role = 'STRONG' AND rejected_role = 'WEAK')::int AS strong_wins
    FROM binned
    GROUP BY GROUPING SETS ((bin), ())
  )`;

/**
 * Pairs by the verdict of the project's current panel (the pair's own: see lib/judging), as the
 * run card counts them: judged (a verdict), uncertain, failed.
 */
const verdicts = `
  verdicts AS (
    SELECT count(js)::int AS judged, count(*) FILTER (WHERE js = 'UNCERTAIN')::int AS uncertain,
           count(*) FILTER (WHERE js = 'FAILED')::int AS failed
    FROM facts
  )`;

const rows = (cte: string) => `(SELECT coalesce(json_agg(${cte}), '[]') FROM ${cte})`;

/**
 * For a panel ($5: its endpoint ids): each judge's own verdict per pair, its two orders agreeing
 * (at most one judgment per order, so two OK ones with the lowest winner equal to the highest);
 * counted against the human label, and against each other judge's verdict on the same pair.
 */
const panelJudges = `
  own AS (
    SELECT "pairId", "endpointId",
           CASE WHEN count(*) FILTER (WHERE "status" = 'OK') = 2 AND min("winner") = max("winner") THEN min("winner")::text END AS label
    FROM "Judgment" WHERE "projectId" = $1 AND "endpointId" = ANY($5) GROUP BY 1, 2
  ),
  judge_each AS (
    SELECT o."endpointId" AS endpoint, l.human, o.label AS judge, count(*)::int AS n
    FROM own o JOIN labelled l ON l."id" = o."pairId"
    WHERE o.label IS NOT NULL AND l.human IS NOT NULL AND NOT l.split
    GROUP BY 1, 2, 3
  ),
  judge_pairs AS (
    SELECT x."endpointId" AS a, y."endpointId" AS b, x.label AS la, y.label AS lb, count(*)::int AS n
    FROM own x JOIN own y ON y."pairId" = x."pairId" AND x."endpointId" < y."endpointId"
    WHERE x.label IS NOT NULL AND y.label IS NOT NULL
    GROUP BY 1, 2, 3, 4
  )`;

/** One row: the judge-vs-human and the outcome rows, each as a JSON array. */
export const projectMetricsSql = `
  WITH ${labelledPairs}, ${facts}, ${judgeHuman}, ${outcomes}, ${verdicts}
  SELECT ${rows("judge_human")} AS judge_human, ${rows("outcomes")} AS outcomes,
         (SELECT row_to_json(verdicts) FROM verdicts) AS verdicts`;

/** projectMetricsSql for a project with a panel of judges, plus each judge's rows. */
export const panelMetricsSql = `
  WITH ${labelledPairs}, ${facts}, ${judgeHuman}, ${outcomes}, ${verdicts}, ${panelJudges}
  SELECT ${rows("judge_human")} AS judge_human, ${rows("outcomes")} AS outcomes,
         (SELECT row_to_json(verdicts) FROM verdicts) AS verdicts,
         ${rows("judge_each")} AS judge_each, ${rows("judge_pairs")} AS judge_pairs`;

/** The project's judges, by name. */
export const panelSql = `
  SELECT e."id", e."name", e."modelId" AS "modelId"
  FROM "ProjectEndpoint" pe JOIN "ModelEndpoint" e ON e."id" = pe."endpointId"
  WHERE pe."projectId" = $1 AND pe."role" = 'JUDGE'
  ORDER BY e."name", e."id"`;

/**
 * Votes on pairs with 2+ votes, counted by voter, choice, and the other voters' counts per
 * category (A, B, TIE, BOTH_BAD): the running vote shapes the Vote triggers keep (lib/labels/
 * vote-shapes.ts), summed, less the shapes of the gold pairs' votes, which no figure counts and
 * which are read from the few gold pairs (their partial index) and their tallies. The votes the
 * trust rule leaves out are in neither. The pairs' counts per shape (for alpha and Fleiss) follow
 * from these rows.
 */
export const leaveOneOutSql = `
  SELECT user_id, choice, oa, ob, ot, ox, sum(votes)::int AS votes FROM (
    SELECT s."userId" AS user_id, s."choice"::text AS choice, s."othersA" AS oa, s."othersB" AS ob,
           s."othersTie" AS ot, s."othersBothBad" AS ox, s."votes"
    FROM "VoteShapeDelta" s WHERE s."projectId" = $1
    UNION ALL
    SELECT v."userId", v."choice"::text, ${voteOthersSql("v", "p")}, -1
    FROM "Pair" p JOIN "Vote" v ON v."pairId" = p."id"
    WHERE p."projectId" = $1 AND p."goldLabel" IS NOT NULL AND pair_vote_counted(v)
  ) shapes
  WHERE oa + ob + ot + ox >= 1
  GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(votes) <> 0`;
