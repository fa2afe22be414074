import "server-only";
import type { EvaluationMode } from "@/lib/generated/prisma/enums";
import { acceptedBy, humanSql, labelShareSql, labelSql, pairMajoritySql, tallyColumns } from "@/lib/labels/precedence";
import { pairSystemSql } from "@/lib/pairs";
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
//   5. "identical": chosen and rejected equal after trimming: the pair's stored "identical", or
//      for a chosen answer an annotator edited, the edit against the rejected answer;
//   6. "filtered": sources, humanOnly (sft: the chosen answer is not human-written), the date range (createdAt within [from, to]), and for labels decided
//      by votes, minVotes and minAgreement (adjudicated, judge and implicit labels are not held
//      to vote thresholds: an admin's adjudication settles what the votes did not; use `sources`
//      to leave those out);
//   7. "duplicate_prompt": with dedupe, one pair per prompt is kept: most votes, then highest
//      agreement, then oldest, then smallest id.
// The label comes from lib/labels/precedence.ts, with the sources the evaluation mode accepts; the
// vote majority stored with each pair's running tally (no vote is regrouped: that aggregate,
// rebuilt in every parallel worker and spilling, was most of the export's time). Votes the trust
// rule left out (Vote.excluded) count for nothing, their edits included.

export type ExportEvaluationMode = EvaluationMode;

/** Turns a value into SQL text: a bind parameter ($n), or an inlined literal for COPY. */
export type Bind = (value: unknown) => string;

const WS = `E' \\t\\n\\r\\f\\v'`;

/**
 * What the statement needs to know of the project before it is written: its overlap, and whether
 * any of its pairs has an adjudication, an edited answer or a skip with flags. Read in the
 * export's own snapshot (`$1` is the project id), so the statement agrees with the data it reads.
 */
export interface ProjectShape {
  overlap: number;
  adjudications: boolean;
  edits: boolean;
  flaggedSkips: boolean;
}

/** The shape's columns, for a query over "Project" AS pj (the engine reads them with its other facts). */
export const PROJECT_SHAPE_COLUMNS = `pj."overlap",
    EXISTS (SELECT 1 FROM "Adjudication" a JOIN "Pair" p ON p."id" = a."pairId" WHERE p."projectId" = pj."id") AS adjudications,
    EXISTS (SELECT 1 FROM "Vote" WHERE "projectId" = pj."id" AND "editedText" IS NOT NULL AND NOT "excluded") AS edits,
    EXISTS (SELECT 1 FROM "Assignment"
            WHERE "projectId" = pj."id" AND "status" = 'SKIPPED' AND cardinality("skipFlags") > 0) AS "flaggedSkips"`;

export const PROJECT_SHAPE_SQL = `SELECT ${PROJECT_SHAPE_COLUMNS} FROM "Project" pj WHERE pj."id" = $1`;

/**
 * The `s` relation: one row per pair with `final` (its exclusion reason, or NULL when kept) and
 * `split`. `bind` is called for the project id and the seed first, in that order.
 *
 * The adjudications, edits and flagged skips are each joined only when the project has some
 * (`shape`): most projects have none of one kind or another, and each join costs every pair a
 * hash probe (on 1M pairs, the three and the join to the project took a tenth of the statement).
 */
export function decidedSql(
  projectId: string,
  mode: ExportEvaluationMode,
  o: ExportOptions,
  bind: Bind,
  shape: ProjectShape,
): string {
  const pid = bind(projectId);
  const seed = bind(o.seed);
  if (o.run !== undefined) return itemsDecidedSql(pid, seed, o.run, o, bind);
  if (!Number.isInteger(shape.overlap)) throw new Error(`Not an overlap: ${shape.overlap}`);

  const filters: string[] = [];
  if (o.sources) filters.push(`l.lsrc <> ALL(${bind(o.sources)}::text[])`);
  if (o.from) filters.push(`l."createdAt" < ${bind(o.from.toISOString())}::timestamp`);
  if (o.to) filters.push(`l."createdAt" > ${bind(o.to.toISOString())}::timestamp`);
  if (o.minVotes !== undefined) filters.push(`(l.byvotes AND l.votes < ${bind(o.minVotes)})`);
  if (o.humanOnly) filters.push(`(CASE l.label WHEN 'A' THEN ca."source" ELSE cb."source" END) <> 'HUMAN'`);
  // The share of the votes behind the chosen answer (lib/labels), NULL without counted votes.
  const agreement = labelShareSql(tallyColumns("l"), "l.label");
  // For labels decided by votes it is the majority's share.
  if (o.minAgreement !== undefined) filters.push(`(l.byvotes AND ${agreement} < ${bind(o.minAgreement)}::float8)`);

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
      WHEN CASE WHEN e.text IS NULL THEN l."identical"
         ELSE btrim(e.text, ${WS}) = btrim(CASE l.label WHEN 'A' THEN cb."text" ELSE ca."text" END, ${WS}) END THEN 'identical'
      ${filters.length ? `WHEN ${filters.join(" OR ")} THEN 'filtered'` : ""}
    END`;

  const split = splitSql(o, seed, bind);
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

  const votes = pairMajoritySql("p");
  const adjudication = shape.adjudications ? `adj."label"` : "NULL::text";
  return `
    -- The latest edit of each choice of a pair: few votes carry one (a partial index finds them),
    -- so this stays small and is joined by hash rather than looked up pair by pair.
    WITH ed AS (
      SELECT DISTINCT ON ("pairId", "choice") "pairId", "choice"::text::"PairLabel" AS choice, "editedText" AS text FROM "Vote"
      WHERE "projectId" = ${pid} AND "editedText" IS NOT NULL AND NOT "excluded"
      ORDER BY "pairId", "choice", "createdAt" DESC, "id" DESC
    ),
    sf AS (
      SELECT DISTINCT "pairId" FROM "Assignment"
      WHERE "projectId" = ${pid} AND "status" = 'SKIPPED' AND cardinality("skipFlags") > 0
    ),
    h AS (
      SELECT p.*, pr."text" AS prompt, pr."system", pr."promptKey", ${metadata ? `pr."metadata" AS "promptMetadata",` : ""} ${votes.n} AS votes,
        p."votesFlagged" > 0 ${shape.flaggedSkips ? `OR sf."pairId" IS NOT NULL` : ""} AS flagged,
        ${humanSql(adjudication, votes.label)} AS human, ${votes.split} AS split,
        ${adjudication} IS NULL AS noadj, ${shape.overlap} AS "overlap"
      FROM "Pair" p
      JOIN "Prompt" pr ON pr."id" = p."promptId"
      ${shape.flaggedSkips ? `LEFT JOIN sf ON sf."pairId" = p."id"` : ""}
      ${shape.adjudications ? `LEFT JOIN "Adjudication" adj ON adj."pairId" = p."id"` : ""}
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
      SELECT l."id", l."promptId", l.prompt,
        -- The pair's own, as the judge and annotators saw it: A's answer first, whatever was chosen.
        ${pairSystemSql(`l."system"`, [`ca."systemPrompt"`, `cb."systemPrompt"`])} AS "system",
        l."promptKey", l."createdAt", l.label, l.lsrc, l.votes, ${agreement} AS agreement,
        CASE l.label WHEN 'A' THEN ca."text" ELSE cb."text" END AS chosen, CASE l.label WHEN 'A' THEN cb."text" ELSE ca."text" END AS rejected,
        ${
          metadata
            ? `CASE l.label WHEN 'A' THEN ca."source" ELSE cb."source" END AS source,
          CASE l.label WHEN 'A' THEN ca."model" ELSE cb."model" END AS chosen_model,
          CASE l.label WHEN 'A' THEN cb."model" ELSE ca."model" END AS rejected_model,
          CASE l.label WHEN 'A' THEN cb."source" ELSE ca."source" END AS rejected_source,
          CASE l.label WHEN 'A' THEN ca."authorId" ELSE cb."authorId" END AS chosen_author_id,
          CASE l.label WHEN 'A' THEN cb."authorId" ELSE ca."authorId" END AS rejected_author_id,
          l."promptMetadata" AS prompt_metadata, cdoc."title" AS document_title,`
            : ""
        }
        e.text AS edited, ${reason} AS reason
      FROM l
      JOIN "Candidate" ca ON ca."id" = l."candidateAId"
      JOIN "Candidate" cb ON cb."id" = l."candidateBId"
      ${
        // A chosen answer copied from a document's passage (a document run's extract) names its document.
        metadata
          ? `LEFT JOIN "Chunk" cch ON cch."id" = CASE l.label WHEN 'A' THEN ca."chunkId" ELSE cb."chunkId" END
      LEFT JOIN "Document" cdoc ON cdoc."id" = cch."documentId"`
          : ""
      }
      ${
        shape.edits
          ? `LEFT JOIN ed e ON l.lsrc = 'human' AND e."pairId" = l."id" AND e.choice = l.label`
          : "CROSS JOIN (SELECT NULL::text AS text) e"
      }
    ),
    d AS (SELECT r.*, ${dedupe} AS final FROM r),
    s AS (
      SELECT d.*, ${split} AS split FROM d
    )`;
}

/**
 * The split of each row of `d` (which has "promptKey" and final): by prompt, never by pair, so a
 * prompt never lands in both splits.
 */
function splitSql(o: ExportOptions, seed: string, bind: Bind): string {
  /** Cheap [0,1) number from the first 52 bits of md5(seed:promptKey): same seed, same split. */
  const hash = `md5(${seed}::text || ':' || d."promptKey")`;
  const hashFraction = `(('x' || substr(${hash}, 1, 13))::bit(52)::bigint / 4503599627370496.0)`;
  if (o.testFraction !== undefined)
    return `CASE WHEN ${hashFraction} < ${bind(o.testFraction)}::float8 THEN 'test' ELSE 'train' END`;
  if (o.testCount !== undefined)
    // The testCount prompts, among those with a kept row, whose hash is smallest.
    return `CASE WHEN d.final IS NULL AND dense_rank() OVER (PARTITION BY d.final IS NULL ORDER BY ${hash}, d."promptKey")
      <= ${bind(o.testCount)} THEN 'test' ELSE 'train' END`;
  return "'train'";
}

/**
 * The `s` relation of an sft export from an instruction run: one row per kept item, the
 * instruction as its prompt and the answer as its chosen text, verbatim. The run's own checks
 * (verbatim, source mentions, filters, near duplicates, contamination) already left the others
 * out; here only dedupe (one item per instruction, the oldest) can. The instruction's text,
 * normalised as an imported prompt's key is (NFC, whitespace runs as one space), stands for the
 * prompt key, in the split's hash as in dedupe.
 */
function itemsDecidedSql(pid: string, seed: string, runId: string, o: ExportOptions, bind: Bind): string {
  const dedupe = o.dedupe
    ? `CASE WHEN row_number() OVER (PARTITION BY r."promptKey" ORDER BY r."createdAt", r."id") > 1 THEN 'duplicate_prompt' END`
    : "NULL::text";
  return `
    WITH r AS (
      SELECT i."id", i."instruction" AS prompt, NULL::text AS "system", i."answer" AS chosen, NULL::text AS rejected,
        NULL::text AS edited, i."createdAt", normalize(regexp_replace(btrim(i."instruction", ${WS}), '\\s+', ' ', 'g'), NFC) AS "promptKey",
        i."runId" AS run_id, i."documentId" AS document_id, doc."title" AS document_title,
        i."chunkId" AS chunk_id, c."index" AS chunk_index
      FROM "DocItem" i
      JOIN "Run" ru ON ru."id" = i."runId"
      JOIN "Document" doc ON doc."id" = i."documentId"
      JOIN "Chunk" c ON c."id" = i."chunkId"
      WHERE ru."projectId" = ${pid} AND i."runId" = ${bind(runId)} AND i."status" = 'KEPT' AND i."answer" IS NOT NULL
        AND ${seed}::text IS NOT NULL
    ),
    d AS (SELECT r.*, ${dedupe} AS final FROM r),
    s AS (SELECT d.*, ${splitSql(o, seed, bind)} AS split FROM d)`;
}

/** Bind parameters ($1, $2, …) collected into `values`. */
export function parameters(): { bind: Bind; values: unknown[] } {
  const values: unknown[] = [];
  return { values, bind: (v) => `$${values.push(v)}` };
}

/** Rows per bucket: each split, and each exclusion reason. */
export function countsSql(projectId: string, mode: ExportEvaluationMode, o: ExportOptions, shape: ProjectShape) {
  const { bind, values } = parameters();
  const text = `${decidedSql(projectId, mode, o, bind, shape)}
    SELECT coalesce(final, split) AS bucket, count(*)::int AS n FROM s GROUP BY 1`;
  return { text, values };
}
