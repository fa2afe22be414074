import "server-only";
import { db } from "@/lib/db";
import { InvalidError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { disagrees, pairOutcome, type Label, type Outcome } from "@/lib/annotation/outcome";
import { listConditions, rowsSql, type Row } from "./list-sql";
import { encodeCursor, type PairCursor, type PairFilters, type PairListQuery } from "./list-schemas";

// The Pairs and Disagreements lists: newest first, paged by keyset on (createdAt, id), so a page
// deep in a million pairs costs what the first one does, and pairs arriving meanwhile neither
// shift nor repeat rows. Every filter but the outcome (and the judge's disagreeing with it) is SQL.
// The outcome is pairOutcome's, in TypeScript (its one definition): those pages are filled by
// scanning rows in list order in batches, up to a budget, and say so when the budget ran out
// before the page was full.

const OUTCOME_BATCH = 500;
const OUTCOME_SCAN_BUDGET = 10_000;
/** Unfiltered lists count their pairs up to here (an index-only scan of at most this many rows). */
const COUNT_CAP = 10_000;

export interface PairListRow {
  id: string;
  createdAt: Date;
  prompt: string;
  implicitLabel: Label | null;
  /** A gold pair's known answer; null for every other pair. */
  goldLabel: Label | null;
  judge: { status: "AGREED" | "UNCERTAIN" | "FAILED"; label: Label | null } | null;
  sources: string[];
  /** Each answer's source (A, B), beside its endpoint (null for answers no endpoint generated). */
  sourcesBySide: [string, string];
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
  /** Older pairs: pass as `cursor` (or `after`, its older name). */
  nextCursor: string | null;
  /** Newer pairs: pass as `before`. */
  prevCursor: string | null;
  /** The outcome (or judge-disagrees) filter scanned its budget of pairs without filling the page; nextCursor goes on. */
  scanLimited: boolean;
  /** Pairs in the project, unfiltered lists only; `capped` when there are more than `n`. */
  total: { n: number; capped: boolean } | null;
}

function isFiltered(f: PairFilters): boolean {
  return !!(
    f.q ||
    f.outcome ||
    f.disagreement ||
    f.unresolved ||
    f.flagged ||
    f.edited ||
    f.gold ||
    f.source ||
    f.judge ||
    f.review ||
    f.from ||
    f.to
  );
}

function fetchRows(
  projectId: string,
  where: Prisma.Sql[],
  cursor: PairCursor | undefined,
  newer: boolean,
  limit: number,
) {
  return db.$queryRaw<Row[]>(rowsSql(projectId, where, cursor, newer, limit));
}

function toListRow(r: Row): PairListRow {
  const choices = r.choices ?? [];
  return {
    id: r.id,
    createdAt: r.createdAt,
    prompt: r.prompt,
    implicitLabel: r.implicitLabel,
    goldLabel: r.goldLabel,
    judge: r.judgeStatus ? { status: r.judgeStatus, label: r.judgeLabel } : null,
    sources: [...new Set([r.sourceA, r.sourceB])],
    sourcesBySide: [r.sourceA, r.sourceB],
    endpoints: [r.endpointA, r.endpointB],
    outcome: pairOutcome(choices, r.adjudication),
    disagreement: r.goldLabel === null && disagrees(choices),
    adjudicated: r.adjudication !== null,
    flagged: r.flagged,
    edited: r.edited,
    skips: r.skips,
  };
}

// A gold pair is never a split to settle: its answer is known.
const outcomeMatches = ({ outcome: o, goldLabel: gold }: PairListRow, outcome: NonNullable<PairFilters["outcome"]>) =>
  outcome === "none" ? o.label === null : outcome === "split" ? o.split && !gold : o.label === outcome && !o.split;

/** The judge gave a verdict and the people decided otherwise (an even split decides nothing). */
const judgeDisagrees = ({ judge, outcome: o }: PairListRow) =>
  judge?.status === "AGREED" && o.label !== null && !o.split && judge.label !== o.label;

/** The filters SQL cannot apply, as one test of a row; null when there are none. */
function rowFilter(q: PairFilters): ((row: PairListRow) => boolean) | null {
  const { outcome, judge } = q;
  if (!outcome && judge !== "disagrees") return null;
  return (row) => (!outcome || outcomeMatches(row, outcome)) && (judge !== "disagrees" || judgeDisagrees(row));
}

/**
 * Up to `limit + 1` rows in the direction asked (the extra one says there are more), the last
 * row looked at, and whether the scan for rowFilter's matches stopped at its budget.
 */
async function collect(projectId: string, where: Prisma.Sql[], q: PairListQuery, newer: boolean) {
  const want = q.limit + 1;
  let cursor = newer ? q.before : q.after;
  const matches = rowFilter(q);
  if (!matches)
    return {
      rows: (await fetchRows(projectId, where, cursor, newer, want)).map(toListRow),
      budgetHit: false,
      last: null,
    };
  const rows: PairListRow[] = [];
  let scanned = 0;
  let last: PairListRow | null = null;
  while (rows.length < want) {
    if (scanned >= OUTCOME_SCAN_BUDGET) return { rows, budgetHit: true, last };
    const batch = (await fetchRows(projectId, where, cursor, newer, OUTCOME_BATCH)).map(toListRow);
    scanned += batch.length;
    for (const row of batch) {
      last = row;
      if (matches(row) && rows.push(row) === want) break;
    }
    if (batch.length < OUTCOME_BATCH) break;
    cursor = { createdAt: last!.createdAt, id: last!.id };
  }
  return { rows, budgetHit: false, last };
}

async function cappedTotal(projectId: string) {
  // An aggregate always returns one row.
  const [{ n }] = (await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM "Pair" WHERE "projectId" = ${projectId} LIMIT ${COUNT_CAP + 1}) s`) as [
    { n: number },
  ];
  return n > COUNT_CAP ? { n: COUNT_CAP, capped: true } : { n, capped: false };
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

/**
 * listPairs for a page: a search the list cannot run (only excluded words) is shown as the
 * page's error, beside the rest of the filters' list, as a query string the schema refuses is.
 */
export async function listPairsShown(
  projectId: string,
  q: PairListQuery,
  error: string | null,
): Promise<{ page: PairListPage; error: string | null }> {
  try {
    return { page: await listPairs(projectId, q), error };
  } catch (err) {
    if (!(err instanceof InvalidError) || !q.q) throw err;
    return { page: await listPairs(projectId, { ...q, q: undefined }), error: err.message };
  }
}

/** The pairs before and after `pairId` in the list with these filters (newer and older). */
export async function pairNeighbours(projectId: string, pairId: string, filters: PairFilters) {
  const pair = await db.pair.findFirst({ where: { id: pairId, projectId }, select: { id: true, createdAt: true } });
  if (!pair) return { previous: null, next: null };
  const at = { createdAt: pair.createdAt, id: pair.id };
  const [{ page: newer }, { page: older }] = await Promise.all([
    listPairsShown(projectId, { ...filters, before: at, limit: 1 }, null),
    listPairsShown(projectId, { ...filters, after: at, limit: 1 }, null),
  ]);
  return { previous: newer.pairs[0]?.id ?? null, next: older.pairs[0]?.id ?? null };
}
