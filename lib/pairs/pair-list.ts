import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { disagrees, pairOutcome, type Label, type Outcome } from "@/lib/annotation/outcome";
import { encodeCursor, type PairCursor, type PairFilters, type PairListQuery } from "./list-schemas";
import { textSearchCondition } from "./text-search";

// The Pairs and Disagreements lists: newest first, paged by keyset on (createdAt, id), so a page
// deep in a million pairs costs what the first one does, and pairs arriving meanwhile neither
// shift nor repeat rows. Every filter but the outcome is SQL. The outcome is pairOutcome's, in
// TypeScript (its one definition): those pages are filled by scanning rows in list order in
// batches, up to a budget, and say so when the budget ran out before the page was full.

const OUTCOME_BATCH = 500;
const OUTCOME_SCAN_BUDGET = 10_000;
/** Unfiltered lists count their pairs up to here (an index-only scan of at most this many rows). */
const COUNT_CAP = 10_000;

interface Row {
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
  choices: Label[] | null;
  flagged: number;
  edited: number;
  skips: number;
}

export interface PairListRow {
  id: string;
  createdAt: Date;
  prompt: string;
  implicitLabel: Label | null;
  judge: { status: "AGREED" | "UNCERTAIN" | "FAILED"; label: Label | null } | null;
  sources: string[];
  endpoints: [string | null, string | null];
  outcome: Outcome;
  disagreement: boolean;
  adjudicated: boolean;
  /** Votes that raised a flag, plus skips that did. */
  flagged: number;
  /** Votes that rewrote the preferred answer. */
  edited: number;
  skips: number;
}

export interface PairListPage {
  pairs: PairListRow[];
  /** Older pairs: pass as `after`. */
  nextCursor: string | null;
  /** Newer pairs: pass as `before`. */
  prevCursor: string | null;
  /** The outcome filter scanned its budget of pairs without filling the page; nextCursor goes on. */
  scanLimited: boolean;
  /** Pairs in the project, unfiltered lists only; `capped` when there are more than `n`. */
  total: { n: number; capped: boolean } | null;
}

function filterConditions(f: PairFilters): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  // Disagreement as disagrees() decides it: the votes did not all make the same choice.
  if (f.disagreement) where.push(Prisma.sql`(SELECT count(DISTINCT v."choice") FROM "Vote" v WHERE v."pairId" = p."id") > 1`);
  if (f.unresolved) where.push(Prisma.sql`adj."pairId" IS NULL`);
  if (f.flagged) {
    where.push(Prisma.sql`(EXISTS (SELECT 1 FROM "Vote" v WHERE v."pairId" = p."id" AND cardinality(v."flags") > 0)
      OR EXISTS (SELECT 1 FROM "Assignment" s WHERE s."pairId" = p."id" AND cardinality(s."skipFlags") > 0))`);
  }
  if (f.edited) where.push(Prisma.sql`EXISTS (SELECT 1 FROM "Vote" v WHERE v."pairId" = p."id" AND v."editedText" IS NOT NULL)`);
  if (f.source) where.push(Prisma.sql`(ca."source"::text = ${f.source} OR cb."source"::text = ${f.source})`);
  // Days are UTC days, as the dates are stored.
  if (f.from) where.push(Prisma.sql`p."createdAt" >= ${f.from}::date`);
  if (f.to) where.push(Prisma.sql`p."createdAt" < ${f.to}::date + 1`);
  return where;
}

function isFiltered(f: PairFilters): boolean {
  return !!(f.q || f.outcome || f.disagreement || f.unresolved || f.flagged || f.edited || f.source || f.from || f.to);
}

/** The SQL conditions of a list query, search included (which looks at the index first). */
export async function listConditions(projectId: string, q: PairListQuery): Promise<Prisma.Sql[]> {
  const where = filterConditions(q);
  if (q.q) where.push(await textSearchCondition(projectId, q.q));
  return where;
}

/** One batch of rows in list order; exported for the bench, which prints its plans. */
export function rowsSql(projectId: string, where: Prisma.Sql[], cursor: PairCursor | undefined, newer: boolean, limit: number): Prisma.Sql {
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
      SELECT array_agg(x."choice"::text ORDER BY x."createdAt", x."id") AS choices,
             (count(*) FILTER (WHERE cardinality(x."flags") > 0))::int AS flagged,
             (count(*) FILTER (WHERE x."editedText" IS NOT NULL))::int AS edited
      FROM "Vote" x WHERE x."pairId" = p."id") v ON true
    LEFT JOIN LATERAL (
      SELECT (count(*) FILTER (WHERE y."status" = 'SKIPPED'))::int AS skips,
             (count(*) FILTER (WHERE cardinality(y."skipFlags") > 0))::int AS flagged
      FROM "Assignment" y WHERE y."pairId" = p."id" AND (y."status" = 'SKIPPED' OR cardinality(y."skipFlags") > 0)) s ON true
    WHERE ${Prisma.join(conds, " AND ")}
    ORDER BY ${order}
    LIMIT ${limit}`;
}

function fetchRows(projectId: string, where: Prisma.Sql[], cursor: PairCursor | undefined, newer: boolean, limit: number) {
  return db.$queryRaw<Row[]>(rowsSql(projectId, where, cursor, newer, limit));
}

function toListRow(r: Row): PairListRow {
  const choices = r.choices ?? [];
  return {
    id: r.id,
    createdAt: r.createdAt,
    prompt: r.prompt,
    implicitLabel: r.implicitLabel,
    judge: r.judgeStatus ? { status: r.judgeStatus, label: r.judgeLabel } : null,
    sources: [...new Set([r.sourceA, r.sourceB])],
    endpoints: [r.endpointA, r.endpointB],
    outcome: pairOutcome(choices, r.adjudication),
    disagreement: disagrees(choices),
    adjudicated: r.adjudication !== null,
    flagged: r.flagged,
    edited: r.edited,
    skips: r.skips,
  };
}

const outcomeMatches = (row: PairListRow, outcome: NonNullable<PairFilters["outcome"]>) =>
  outcome === "none" ? row.outcome.label === null : row.outcome.label === outcome;

/**
 * Up to `limit + 1` rows in the direction asked (the extra one says there are more), the last
 * row looked at, and whether the outcome scan stopped at its budget.
 */
async function collect(projectId: string, where: Prisma.Sql[], q: PairListQuery, newer: boolean) {
  const want = q.limit + 1;
  let cursor = newer ? q.before : q.after;
  if (!q.outcome) return { rows: (await fetchRows(projectId, where, cursor, newer, want)).map(toListRow), budgetHit: false, last: null };
  const rows: PairListRow[] = [];
  let scanned = 0;
  let last: PairListRow | null = null;
  while (rows.length < want) {
    if (scanned >= OUTCOME_SCAN_BUDGET) return { rows, budgetHit: true, last };
    const batch = (await fetchRows(projectId, where, cursor, newer, OUTCOME_BATCH)).map(toListRow);
    scanned += batch.length;
    for (const row of batch) {
      last = row;
      if (outcomeMatches(row, q.outcome) && rows.push(row) === want) break;
    }
    if (batch.length < OUTCOME_BATCH) break;
    cursor = { createdAt: last!.createdAt, id: last!.id };
  }
  return { rows, budgetHit: false, last };
}

async function cappedTotal(projectId: string) {
  const [{ n }] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM "Pair" WHERE "projectId" = ${projectId} LIMIT ${COUNT_CAP + 1}) s`;
  return n! > COUNT_CAP ? { n: COUNT_CAP, capped: true } : { n: n!, capped: false };
}

/** One page of a project's pairs, newest first, filtered and searched. */
export async function listPairs(projectId: string, q: PairListQuery): Promise<PairListPage> {
  const where = await listConditions(projectId, q);
  const newer = !!q.before && !q.after;
  const [{ rows, budgetHit, last }, total] = await Promise.all([
    collect(projectId, where, q, newer),
    isFiltered(q) || q.after || q.before ? null : cappedTotal(projectId),
  ]);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  if (newer) page.reverse();
  const first = page[0];
  const end = page.at(-1);
  if (newer) {
    return {
      pairs: page,
      // Coming back from an older page: that page is still there.
      nextCursor: end ? encodeCursor(end) : q.before ? encodeCursor(q.before) : null,
      prevCursor: budgetHit && last ? encodeCursor(last) : more && first ? encodeCursor(first) : null,
      scanLimited: budgetHit,
      total,
    };
  }
  return {
    pairs: page,
    nextCursor: budgetHit && last ? encodeCursor(last) : more && end ? encodeCursor(end) : null,
    prevCursor: q.after ? (first ? encodeCursor(first) : encodeCursor(q.after)) : null,
    scanLimited: budgetHit,
    total,
  };
}

/** The pairs before and after `pairId` in the list with these filters (newer and older). */
export async function pairNeighbours(projectId: string, pairId: string, filters: PairFilters) {
  const pair = await db.pair.findFirst({ where: { id: pairId, projectId }, select: { id: true, createdAt: true } });
  if (!pair) return { previous: null, next: null };
  const at = { createdAt: pair.createdAt, id: pair.id };
  const [newer, older] = await Promise.all([
    listPairs(projectId, { ...filters, before: at, limit: 1 }),
    listPairs(projectId, { ...filters, after: at, limit: 1 }),
  ]);
  return { previous: newer.pairs[0]?.id ?? null, next: older.pairs[0]?.id ?? null };
}
