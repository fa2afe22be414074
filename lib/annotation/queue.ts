import "server-only";
import { randomInt, randomUUID } from "node:crypto";
import { bulkPool, bulkTransaction, type BulkClient } from "@/lib/bulk-db";
import { judgeDecidesSql } from "@/lib/projects/modes";
import { LEASE_MINUTES } from "./config";
import { loadItems, type HeldAssignment } from "./items";
import { previewId, previewLeftIsA, previewPairId } from "./preview";
import type { AnnotationItem } from "./schemas";

const ASSIGNMENT_FIELDS = `"id", "pairId", "leftIsA", "leasedUntil"`;

/**
 * Whether pair `p` may be served to the user `user` (an SQL expression) at all: not gold, no
 * answer of theirs in it, not reserved for other annotators. The queue adds its counts; an
 * admin's preview vote (./votes.ts) checks the same before it takes the slot.
 */
export const servableSql = (user: string) => `p."goldLabel" IS NULL
           AND NOT EXISTS (SELECT 1 FROM "Candidate" own WHERE own."id" IN (p."candidateAId", p."candidateBId") AND own."authorId" = ${user})
           AND (NOT EXISTS (SELECT 1 FROM "PairReservation" r WHERE r."pairId" = p."id")
                OR EXISTS (SELECT 1 FROM "PairReservation" r WHERE r."pairId" = p."id" AND r."userId" = ${user}))`;

/**
 * The pairs this annotator may be served ($1 project, $2 user, $3 overlap, $4 pairs to pass over,
 * $5 routed only): short of votes (each side of candidateSql adds the live holds), not gold
 * (served apart, at the gold rate), never one they already had nor one with an answer they wrote,
 * and not reserved for other annotators.
 */
const SERVABLE = `p."projectId" = $1 AND p."voteCount" < $3 AND p."id" <> ALL($4::text[])
           AND ($5::boolean IS FALSE OR p."reviewReason" IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM "Assignment" a WHERE a."pairId" = p."id" AND a."userId" = $2)
           AND ${servableSql("$2")}`;
/** A held pair (`p` of project `pr`) that needs its annotator no more. */
const NO_LONGER_NEEDED = `p."voteCount" >= pr."overlap"
           OR (${judgeDecidesSql(`pr."evaluationMode"`)} AND p."reviewReason" IS NULL)`;
const LIVE_HOLD = `h."status" = 'OPEN' AND h."leasedUntil" > now()`;

/**
 * The first pair in the queue's order, where a pair's place is its votes plus its live holds (a
 * pair served to someone counts as one more vote, so breadth-first does not hand the pair just
 * served to the next annotator too). One statement, two index walks: the pairs nobody holds in
 * (voteCount, createdAt) order, on the strategy's index, passing over held ones; and the pairs
 * held now, few (annotators × pairs each holds), read through the open holds' partial index
 * (Assignment_live_idx). The better of the two is served. Each side locks its pick (SKIP LOCKED,
 * so annotators never wait on each other); the one not served is unlocked at commit.
 */
const candidateSql = (dir: "ASC" | "DESC") => `WITH unheld AS (
         SELECT p."id", p."voteCount" AS n, p."createdAt" FROM "Pair" p
         WHERE ${SERVABLE}
           AND NOT EXISTS (SELECT 1 FROM "Assignment" h WHERE h."pairId" = p."id" AND ${LIVE_HOLD})
         ORDER BY p."voteCount" ${dir}, p."createdAt", p."id" LIMIT 1 FOR UPDATE OF p SKIP LOCKED),
       held AS (
         SELECT p."id", p."voteCount" + l.n AS n, p."createdAt"
         FROM (SELECT h."pairId", count(*)::int AS n FROM "Assignment" h
               WHERE h."projectId" = $1 AND ${LIVE_HOLD} GROUP BY h."pairId") l
           JOIN "Pair" p ON p."id" = l."pairId"
         WHERE ${SERVABLE} AND p."voteCount" + l.n < $3
         ORDER BY p."voteCount" + l.n ${dir}, p."createdAt", p."id" LIMIT 1 FOR UPDATE OF p SKIP LOCKED)
       SELECT "id" FROM (SELECT * FROM unheld UNION ALL SELECT * FROM held) c
       ORDER BY n ${dir}, "createdAt", "id" LIMIT 1`;

/**
 * The statements of a claim, exported so the annotation bench's baseline sends exactly these
 * (see claimOne and nextItems for what each one is for).
 */
export const CLAIM_SQL = {
  project: `SELECT "overlap", ${judgeDecidesSql(`"evaluationMode"`)} AS "routedOnly", "goldRate",
       "queueStrategy" = 'DEPTH_FIRST' AS "depthFirst" FROM "Project" WHERE "id" = $1`,
  // With each one, whether its pair got all its votes while it was held (the overlap lowered,
  // an annotator's left-out votes counted again), or, where the judge decides, is no longer sent
  // to people (the admin stopped sending uncertain pairs, say): such a hold is released, not served.
  own: `SELECT a."id", a."pairId", a."leftIsA", a."leasedUntil",
         (p."goldLabel" IS NULL AND (${NO_LONGER_NEEDED})) AS "filled"
       FROM "Assignment" a JOIN "Pair" p ON p."id" = a."pairId" JOIN "Project" pr ON pr."id" = a."projectId"
       WHERE a."projectId" = $1 AND a."userId" = $2 AND a."status" = 'OPEN' AND a."id" <> ALL($3::text[])
       ORDER BY a."createdAt" LIMIT $4`,
  /** Releases the given holds whose pairs need them no more (checked again as it deletes). */
  releaseFilled: `DELETE FROM "Assignment" a USING "Pair" p, "Project" pr
       WHERE a."id" = ANY($1::text[]) AND a."status" = 'OPEN' AND p."id" = a."pairId" AND pr."id" = a."projectId"
         AND p."goldLabel" IS NULL AND (${NO_LONGER_NEEDED})`,
  /** Breadth-first (the default): fewest votes and holds first, then oldest. */
  candidate: candidateSql("ASC"),
  /** Depth-first: pairs already started first (most votes and holds), so overlaps complete before new pairs open. */
  candidateDepthFirst: candidateSql("DESC"),
  // A gold pair the annotator has not had, at random: every annotator answers each one once,
  // whatever the overlap, so there is no count to re-check (GOLD_INSERT).
  gold: `SELECT p."id" FROM "Pair" p
         WHERE p."projectId" = $1 AND p."goldLabel" IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM "Assignment" a WHERE a."pairId" = p."id" AND a."userId" = $2)
         ORDER BY random()
         LIMIT 1`,
  taken: `SELECT (p."voteCount" + (
       SELECT count(*) FROM "Assignment" h
       WHERE h."pairId" = p."id" AND h."status" = 'OPEN' AND h."leasedUntil" > now()
         AND h."userId" IS DISTINCT FROM $2))::int AS n
     FROM "Pair" p WHERE p."id" = $1`,
  insert: `INSERT INTO "Assignment" ("id", "projectId", "pairId", "userId", "leftIsA", "leasedUntil", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6), now())
         RETURNING ${ASSIGNMENT_FIELDS}`,
};

/**
 * A gold assignment: two claims of the same annotator racing for the same gold pair make one
 * assignment, and the loser serves the regular pair it had found instead.
 */
const GOLD_INSERT = `INSERT INTO "Assignment" ("id", "projectId", "pairId", "userId", "leftIsA", "leasedUntil", "updatedAt")
  VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6), now())
  ON CONFLICT ("pairId", "userId") DO NOTHING
  RETURNING ${ASSIGNMENT_FIELDS}`;

/**
 * Whether this item is a gold pair: true with probability `rate`. Math.random, so tests can
 * seed it (crypto's generator cannot be seeded).
 */
export const drawGold = (rate: number) => rate > 0 && Math.random() < rate;

/** Votes plus live holds of a pair, read in a fresh snapshot (call with the pair row locked). */
async function taken(c: BulkClient, pairId: string, exceptUser: string | null = null): Promise<number> {
  const { rows } = await c.query<{ n: number }>(CLAIM_SQL.taken, [pairId, exceptUser]);
  return rows[0]?.n ?? Infinity;
}

interface QueueProject {
  overlap: number;
  routedOnly: boolean;
  depthFirst: boolean;
  goldRate: number;
}

/** One candidate, locked until the end of the caller's transaction (or statement, outside one). */
async function candidate(c: BulkClient, projectId: string, userId: string, q: QueueProject, tried: string[]) {
  const sql = q.depthFirst ? CLAIM_SQL.candidateDepthFirst : CLAIM_SQL.candidate;
  const { rows } = await c.query<{ id: string }>(sql, [projectId, userId, q.overlap, tried, q.routedOnly]);
  return rows[0]?.id ?? null;
}

/**
 * Serves one pair that still needs votes, in the project's order (breadth- or depth-first);
 * never one this annotator already had, nor one with an answer they wrote (no self-review). The
 * pair's row is locked (SKIP LOCKED, so annotators never wait on each other) and its free slots
 * re-counted under the lock, in a statement of its own (a fresh snapshot), before the assignment
 * is made. With `routedOnly` (LLM judge and hybrid projects) only pairs the judge sent to humans
 * are served; the statement is planned with its values, so for other projects the flag folds away.
 *
 * At the project's gold rate the item is a gold pair instead (one the annotator has not had),
 * but only while regular work remains for them: an annotator whose queue is empty is done,
 * not fed gold. The regular pair found meanwhile is unlocked, untouched, at commit.
 */
async function claimOne(projectId: string, userId: string, q: QueueProject): Promise<HeldAssignment | null> {
  const gold = drawGold(q.goldRate);
  return bulkTransaction(async (c) => {
    const tried: string[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const pairId = await candidate(c, projectId, userId, q, tried);
      if (!pairId) return null;
      if (gold && attempt === 0) {
        const served = await claimGold(c, projectId, userId);
        if (served) return served;
      }
      if ((await taken(c, pairId)) >= q.overlap) {
        tried.push(pairId); // someone took the last slot between our snapshot and our lock
        continue;
      }
      const inserted = await c.query<HeldAssignment>(CLAIM_SQL.insert, [
        randomUUID(),
        projectId,
        pairId,
        userId,
        randomInt(2) === 1,
        LEASE_MINUTES,
      ]);
      return inserted.rows[0]!;
    }
    return null;
  });
}

async function claimGold(c: BulkClient, projectId: string, userId: string): Promise<HeldAssignment | null> {
  const { rows } = await c.query<{ id: string }>(CLAIM_SQL.gold, [projectId, userId]);
  if (!rows[0]) return null;
  const inserted = await c.query<HeldAssignment>(GOLD_INSERT, [
    randomUUID(),
    projectId,
    rows[0].id,
    userId,
    randomInt(2) === 1,
    LEASE_MINUTES,
  ]);
  return inserted.rows[0] ?? null;
}

/**
 * Admins look at the queue without taking slots from annotators: the pairs they are shown are
 * previews (no assignment, no lease), and the assignment is made when they vote or skip
 * (lib/annotation/votes.ts). The pairs are the ones an annotator would be served, in the same order.
 */
async function previewItems(projectId: string, userId: string, q: QueueProject, count: number, holding: string[]) {
  const pool = bulkPool();
  const tried = holding.map(previewPairId).filter((id): id is string => id !== null);
  const shown: HeldAssignment[] = [];
  const until = new Date(Date.now() + LEASE_MINUTES * 60_000);
  while (shown.length < count) {
    // Outside a transaction the candidate's row lock ends with its statement: nothing is held.
    const pairId = await candidate(pool, projectId, userId, q, tried);
    if (!pairId) break;
    tried.push(pairId);
    shown.push({ id: previewId(pairId), pairId, leftIsA: previewLeftIsA(pairId, userId), leasedUntil: until });
  }
  return shown;
}

/** An own assignment whose lease lapsed: renewed if the pair still has room, else given up. */
async function renew(a: HeldAssignment, userId: string, overlap: number): Promise<HeldAssignment | null> {
  return bulkTransaction(async (c) => {
    const { rows: locked } = await c.query<{ gold: boolean }>(
      `SELECT "goldLabel" IS NOT NULL AS gold FROM "Pair" WHERE "id" = $1 FOR UPDATE`,
      [a.pairId],
    );
    // A gold pair has no overlap to fill: its slot is never gone.
    if (!locked[0]?.gold && (await taken(c, a.pairId, userId)) >= overlap) {
      // Others filled the pair while this lease was lapsed: the slot is gone.
      await c.query(`DELETE FROM "Assignment" WHERE "id" = $1`, [a.id]);
      return null;
    }
    const { rows } = await c.query<HeldAssignment>(
      `UPDATE "Assignment" SET "leasedUntil" = now() + make_interval(mins => $2), "updatedAt" = now()
       WHERE "id" = $1 RETURNING ${ASSIGNMENT_FIELDS}`,
      [a.id, LEASE_MINUTES],
    );
    return rows[0]!;
  });
}

/**
 * The annotator's next items: first their own open assignments the client does not hold (after a
 * reload, say), then newly claimed pairs. With `preview` (admins) nothing new is held: see previewItems.
 */
export async function nextItems(
  projectId: string,
  userId: string,
  count: number,
  holding: string[],
  { preview = false }: { preview?: boolean } = {},
): Promise<AnnotationItem[]> {
  const pool = bulkPool();
  const [project, own] = await Promise.all([
    pool.query<QueueProject>(CLAIM_SQL.project, [projectId]),
    pool.query<HeldAssignment & { filled: boolean }>(CLAIM_SQL.own, [projectId, userId, holding, count]),
  ]);
  const q = project.rows[0]!;
  const filled = own.rows.filter((a) => a.filled).map((a) => a.id);
  if (filled.length) await pool.query(CLAIM_SQL.releaseFilled, [filled]);
  const kept: HeldAssignment[] = [];
  for (const { filled: full, ...a } of own.rows) {
    if (full) continue;
    const live = new Date(a.leasedUntil) > new Date() ? a : await renew(a, userId, q.overlap);
    if (live) kept.push(live);
  }
  if (preview && kept.length < count) {
    kept.push(...(await previewItems(projectId, userId, q, count - kept.length, holding)));
  }
  while (kept.length < count && !preview) {
    const claimed = await claimOne(projectId, userId, q);
    if (!claimed) break;
    kept.push(claimed);
  }
  return loadItems(kept);
}
