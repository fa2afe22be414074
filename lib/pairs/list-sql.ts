import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Label } from "@/lib/annotation/outcome";
import type { PairCursor, PairFilters, PairListQuery } from "./list-schemas";
import { textSearchCondition } from "./text-search";

// The Pairs list's SQL: its filters as conditions on the pair (p), its prompt (pr), answers (ca,
// cb) and adjudication (adj), and one batch of rows in list order with what each row shows.

export interface Row {
  id: string;
  createdAt: Date;
  prompt: string;
  implicitLabel: Label | null;
  judgeStatus: "AGREED" | "UNCERTAIN" | "FAILED" | null;
  judgeLabel: Label | null;
  sourceA: string;
  sourceB: string;
  endpointA: string | null;
  endpointB: string | null;
  adjudication: Label | null;
  /** The counted votes' choices (votes left out by the trust rule are not). */
  choices: Label[] | null;
  goldLabel: Label | null;
  flagged: number;
  edited: number;
  skips: number;
}

function filterConditions(f: PairFilters): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  // Disagreement as disagrees() decides it: the votes did not all make the same choice. Not on a
  // gold pair: its answer is known, and annotators who missed it are measured, not adjudicated.
  if (f.disagreement)
    where.push(
      Prisma.sql`p."goldLabel" IS NULL AND (SELECT count(DISTINCT v."choice") FROM "Vote" v WHERE v."pairId" = p."id" AND NOT v."excluded") > 1`,
    );
  if (f.unresolved) where.push(Prisma.sql`adj."pairId" IS NULL`);
  if (f.flagged) {
    where.push(Prisma.sql`(EXISTS (SELECT 1 FROM "Vote" v WHERE v."pairId" = p."id" AND cardinality(v."flags") > 0 AND NOT v."excluded")
      OR EXISTS (SELECT 1 FROM "Assignment" s WHERE s."pairId" = p."id" AND cardinality(s."skipFlags") > 0))`);
  }
  if (f.edited)
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "Vote" v WHERE v."pairId" = p."id" AND v."editedText" IS NOT NULL AND NOT v."excluded")`,
    );
  if (f.gold) where.push(Prisma.sql`p."goldLabel" IS NOT NULL`);
  if (f.source) where.push(Prisma.sql`(ca."source"::text = ${f.source} OR cb."source"::text = ${f.source})`);
  // "disagrees" compares with the people's outcome, in TypeScript (./pair-list.ts), among verdicts.
  if (f.judge === "none") where.push(Prisma.sql`p."judgeStatus" IS NULL`);
  else if (f.judge)
    where.push(Prisma.sql`p."judgeStatus"::text = ${f.judge === "disagrees" ? "AGREED" : f.judge.toUpperCase()}`);
  if (f.review) where.push(Prisma.sql`p."reviewReason"::text = ${f.review.toUpperCase()}`);
  // Days are UTC days, as the dates are stored.
  if (f.from) where.push(Prisma.sql`p."createdAt" >= ${f.from}::date`);
  if (f.to) where.push(Prisma.sql`p."createdAt" < ${f.to}::date + 1`);
  return where;
}

/** The SQL conditions of a list query, search included (which looks at the index first). */
export async function listConditions(projectId: string, q: PairListQuery): Promise<Prisma.Sql[]> {
  const where = filterConditions(q);
  if (q.q) where.push(await textSearchCondition(projectId, q.q));
  return where;
}

/** One batch of rows in list order; exported for the bench, which prints its plans. */
export function rowsSql(
  projectId: string,
  where: Prisma.Sql[],
  cursor: PairCursor | undefined,
  newer: boolean,
  limit: number,
): Prisma.Sql {
  const conds = [Prisma.sql`p."projectId" = ${projectId}`, ...where];
  if (cursor) {
    conds.push(
      newer
        ? Prisma.sql`(p."createdAt", p."id") > (${cursor.createdAt}::timestamp, ${cursor.id})`
        : Prisma.sql`(p."createdAt", p."id") < (${cursor.createdAt}::timestamp, ${cursor.id})`,
    );
  }
  const order = newer ? Prisma.sql`p."createdAt" ASC, p."id" ASC` : Prisma.sql`p."createdAt" DESC, p."id" DESC`;
  return Prisma.sql`
    SELECT p."id", p."createdAt", left(pr."text", 300) AS prompt, p."implicitLabel"::text AS "implicitLabel",
           p."goldLabel"::text AS "goldLabel",
           p."judgeStatus"::text AS "judgeStatus", p."judgeLabel"::text AS "judgeLabel",
           ca."source"::text AS "sourceA", cb."source"::text AS "sourceB", ea."name" AS "endpointA", eb."name" AS "endpointB",
           adj."label"::text AS adjudication, v.choices, coalesce(v.flagged, 0) + s.flagged AS flagged,
           coalesce(v.edited, 0) AS edited, s.skips
    FROM "Pair" p
    JOIN "Prompt" pr ON pr."id" = p."promptId"
    JOIN "Candidate" ca ON ca."id" = p."candidateAId"
    JOIN "Candidate" cb ON cb."id" = p."candidateBId"
    LEFT JOIN "ModelEndpoint" ea ON ea."id" = ca."endpointId"
    LEFT JOIN "ModelEndpoint" eb ON eb."id" = cb."endpointId"
    LEFT JOIN "Adjudication" adj ON adj."pairId" = p."id"
    LEFT JOIN LATERAL (
      SELECT array_agg(x."choice"::text ORDER BY x."createdAt", x."id") FILTER (WHERE NOT x."excluded") AS choices,
             -- Votes the trust rule leaves out raise no flag and bring no edit, as in the export.
             (count(*) FILTER (WHERE cardinality(x."flags") > 0 AND NOT x."excluded"))::int AS flagged,
             (count(*) FILTER (WHERE x."editedText" IS NOT NULL AND NOT x."excluded"))::int AS edited
      FROM "Vote" x WHERE x."pairId" = p."id") v ON true
    LEFT JOIN LATERAL (
      SELECT (count(*) FILTER (WHERE y."status" = 'SKIPPED'))::int AS skips,
             (count(*) FILTER (WHERE cardinality(y."skipFlags") > 0))::int AS flagged
      FROM "Assignment" y WHERE y."pairId" = p."id" AND (y."status" = 'SKIPPED' OR cardinality(y."skipFlags") > 0)) s ON true
    WHERE ${Prisma.join(conds, " AND ")}
    ORDER BY ${order}
    LIMIT ${limit}`;
}
