import "server-only";
import type { EvaluationMode } from "@/lib/generated/prisma/enums";
import { acceptedBy, humanSql, labelSql, majoritySql, tallyColumns } from "@/lib/labels/precedence";
import type { ExportOptions } from "./options";

// One SQL text decides every pair of a project: its label, where the label came from, why it is
// left out (if it is), whether it survives dedupe, and its split. exportCounts groups it;
// exportStream reads every pair from it once, the file's rows and the others, and counts as it
// goes: the counts stored with a file are those of the rows streamed, with no second pass.
//
// Checks, in order; the first that applies is the row's one exclusion reason:
//   0. "gold": gold pairs check the annotators and are never part of the dataset;
//   1. no label the evaluation mode accepts: "uncertain" when the judge's two orders disagreed,
//      "judge_failed" when at least one gave no usable verdict (LLM_JUDGE, HYBRID), and no human
//      decided; else "unlabelled";
//   2. "incomplete": with completeOnly (the default when the project's overlap is above 1), a
//      label decided by votes before the queue has collected all `overlap` of them (votes the
//      trust rule left out included: the queue serves such a pair no more), adjudicated, judge
//      and implicit labels being complete;
//   3. "split": the votes split evenly between the leading choices (1–1, or three ways) and no
//      admin decided: undecided, not a tie; then "tie" and "both_bad";
//   4. "flagged" (a vote with flags, or a skip with flags), unless includeFlagged;
//   5. "identical": chosen and rejected equal after trimming (chosen after an annotator's edit);
//   6. "filtered": sources, humanOnly (sft: the chosen answer is not human-written), the date range (createdAt within [from, to]), and for labels decided
//      by votes, minVotes and minAgreement (adjudicated, judge and implicit labels are not held
//      to vote thresholds: use `sources` to leave those out);
//   7. "duplicate_prompt": with dedupe, one pair per prompt is kept: most votes, then highest
//      agreement, then oldest, then smallest id.
// The label comes from lib/labels/precedence.ts, with the sources the evaluation mode accepts; the
// vote majority from each pair's running tally (no vote is regrouped: that aggregate, rebuilt in
// every parallel worker and spilling, was most of the export's time). Votes the trust rule left out (Vote.excluded) count for nothing,
// their edits included.

export type ExportEvaluationMode = EvaluationMode;

/** Turns a value into SQL text: a bind parameter ($n), or an inlined literal for COPY. */
export type Bind = (value: unknown) => string;

const WS = `E' \\t\\n\\r\\f\\v'`;

/**
 * The `s` relation: one row per pair with `final` (its exclusion reason, or NULL when kept) and
 * `split`. `bind` is called for the project id and the seed first, in that order.
 */
export function decidedSql(projectId: string, mode: ExportEvaluationMode, o: ExportOptions, bind: Bind): string {
  const pid = bind(projectId);
  const seed = bind(o.seed);
  /** Cheap [0,1) number from the first 52 bits of md5(seed:promptKey): same seed, same split. */
  const hash = `md5(${seed}::text || ':' || d."promptKey")`;
  const hashFraction = `(('x' || substr(${hash}, 1, 13))::bit(52)::bigint / 4503599627370496.0)`;

  const filters: string[] = [];
  if (o.sources) filters.push(`l.lsrc <> ALL(${bind(o.sources)}::text[])`);
  if (o.from) filters.push(`l."createdAt" < ${bind(o.from.toISOString())}::timestamp`);
  if (o.to) filters.push(`l."createdAt" > ${bind(o.to.toISOString())}::timestamp`);
  if (o.minVotes !== undefined) filters.push(`(l.byvotes AND l.votes < ${bind(o.minVotes)})`);
  if (o.humanOnly) filters.push(`(CASE l.label WHEN 'A' THEN ca."source" ELSE cb."source" END) <> 'HUMAN'`);
  if (o.minAgreement !== undefined) filters.push(`(l.byvotes AND l.agreement < ${bind(o.minAgreement)}::float8)`);

  // Undefined: on when the project asks for more than one vote per pair.
  const completeOnly = o.completeOnly === undefined ? "l.overlap > 1" : o.completeOnly ? "true" : "false";
  const reason = `CASE
      WHEN l."goldLabel" IS NOT NULL THEN 'gold'
      WHEN l.label IS NULL THEN coalesce(l.undecided, 'unlabelled')
      WHEN ${completeOnly} AND l.byvotes AND l."voteCount" < l.overlap THEN 'incomplete'
      WHEN l.byvotes AND l.split THEN 'split'
      WHEN l.label = 'TIE' THEN 'tie'
      WHEN l.label = 'BOTH_BAD' THEN 'both_bad'
      ${o.includeFlagged ? "" : "WHEN l.flagged THEN 'flagged'"}
      WHEN btrim(coalesce(e.text, CASE l.label WHEN 'A' THEN ca."text" ELSE cb."text" END), ${WS})
         = btrim(CASE l.label WHEN 'A' THEN cb."text" ELSE ca."text" END, ${WS}) THEN 'identical'
      ${filters.length ? `WHEN ${filters.join(" OR ")} THEN 'filtered'` : ""}
    END`;

  // By prompt, never by pair, so a prompt never lands in both splits.
  let split = "'train'";
  if (o.testFraction !== undefined)
    split = `CASE WHEN ${hashFraction} < ${bind(o.testFraction)}::float8 THEN 'test' ELSE 'train' END`;
  if (o.testCount !== undefined) {
    // The testCount prompts, among those with a kept row, whose hash is smallest.
    split = `CASE WHEN d.final IS NULL AND dense_rank() OVER (PARTITION BY d.final IS NULL ORDER BY ${hash}, d."promptKey")
      <= ${bind(o.testCount)} THEN 'test' ELSE 'train' END`;
  }
  const dedupe = o.dedupe
    ? `CASE WHEN r.reason IS NULL AND row_number() OVER (PARTITION BY r.reason IS NULL, r."promptId"
        ORDER BY r.votes DESC, r.agreement DESC NULLS LAST, r."createdAt", r."id") > 1 THEN 'duplicate_prompt' ELSE r.reason END`
    : "r.reason";
  const metadata = o.metadata;
  const accepts = acceptedBy(mode);
  const decided = labelSql(
    {
      human: "human",
      judgeStatus: `"judgeStatus"`,
      judgeLabel: `"judgeLabel"`,
      implicitLabel: `"implicitLabel"`,
      sourceLabel: `"sourceLabel"`,
    },
    accepts,
  );
  // Why a judged pair has no label, when no human gave one.
  const undecided = accepts.judge
    ? `CASE WHEN human IS NULL THEN CASE "judgeStatus" WHEN 'UNCERTAIN' THEN 'uncertain' WHEN 'FAILED' THEN 'judge_failed' END END`
    : "NULL::text";

  const votes = majoritySql(tallyColumns("p"));
  return `
    -- The latest edit of each choice of a pair: few votes carry one (a partial index finds them),
    -- so this stays small and is joined by hash rather than looked up pair by pair.
    WITH ed AS (
      SELECT DISTINCT ON ("pairId", "choice") "pairId", "choice"::text AS choice, "editedText" AS text FROM "Vote"
      WHERE "projectId" = ${pid} AND "editedText" IS NOT NULL AND NOT "excluded"
      ORDER BY "pairId", "choice", "createdAt" DESC, "id" DESC
    ),
    sf AS (
      SELECT DISTINCT "pairId" FROM "Assignment"
      WHERE "projectId" = ${pid} AND "status" = 'SKIPPED' AND cardinality("skipFlags") > 0
    ),
    h AS (
      SELECT p.*, pr."text" AS prompt, pr."system", pr."promptKey", ${votes.n} AS votes, ${votes.agreement} AS agreement,
        p."votesFlagged" > 0 OR sf."pairId" IS NOT NULL AS flagged,
        ${humanSql(`adj."label"`, votes.label)} AS human, ${votes.split} AS split,
        adj."label" IS NULL AS noadj, pj."overlap"
      FROM "Pair" p
      JOIN "Project" pj ON pj."id" = p."projectId"
      JOIN "Prompt" pr ON pr."id" = p."promptId"
      LEFT JOIN sf ON sf."pairId" = p."id"
      LEFT JOIN "Adjudication" adj ON adj."pairId" = p."id"
      -- The seed is referenced even without a split: a statement must use every parameter.
      WHERE p."projectId" = ${pid} AND ${seed}::text IS NOT NULL
    ),
    l AS (
      SELECT h.*,
        ${decided.label} AS label, ${decided.source} AS lsrc, ${undecided} AS undecided,
        human IS NOT NULL AND noadj AS byvotes
      FROM h
    ),
    r AS (
      SELECT l."id", l."promptId", l.prompt, l."system", l."promptKey", l."createdAt", l.label, l.lsrc, l.votes, l.agreement,
        CASE l.label WHEN 'A' THEN ca."text" ELSE cb."text" END AS chosen, CASE l.label WHEN 'A' THEN cb."text" ELSE ca."text" END AS rejected,
        ${
          metadata
            ? `CASE l.label WHEN 'A' THEN ca."source" ELSE cb."source" END AS source,
          CASE l.label WHEN 'A' THEN ca."model" ELSE cb."model" END AS chosen_model,
          CASE l.label WHEN 'A' THEN cb."model" ELSE ca."model" END AS rejected_model,
          CASE l.label WHEN 'A' THEN cb."source" ELSE ca."source" END AS rejected_source,
          CASE l.label WHEN 'A' THEN ca."authorId" ELSE cb."authorId" END AS chosen_author_id,
          CASE l.label WHEN 'A' THEN cb."authorId" ELSE ca."authorId" END AS rejected_author_id,`
            : ""
        }
        e.text AS edited, ${reason} AS reason
      FROM l
      JOIN "Candidate" ca ON ca."id" = l."candidateAId"
      JOIN "Candidate" cb ON cb."id" = l."candidateBId"
      LEFT JOIN ed e ON l.lsrc = 'human' AND e."pairId" = l."id" AND e.choice = l.label
    ),
    d AS (SELECT r.*, ${dedupe} AS final FROM r),
    s AS (
      SELECT d.*, ${split} AS split FROM d
    )`;
}

/** Bind parameters ($1, $2, …) collected into `values`. */
export function parameters(): { bind: Bind; values: unknown[] } {
  const values: unknown[] = [];
  return { values, bind: (v) => `$${values.push(v)}` };
}

/** Rows per bucket: each split, and each exclusion reason. */
export function countsSql(projectId: string, mode: ExportEvaluationMode, o: ExportOptions) {
  const { bind, values } = parameters();
  const text = `${decidedSql(projectId, mode, o, bind)}
    SELECT coalesce(final, split) AS bucket, count(*)::int AS n FROM s GROUP BY 1`;
  return { text, values };
}
