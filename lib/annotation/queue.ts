import "server-only";
import { randomInt } from "node:crypto";
import { db } from "@/lib/db";
import { LEASE_MINUTES } from "./config";
import { loadItems } from "./items";
import type { AnnotationItem } from "./schemas";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** Votes plus live holds of a pair, read in a fresh snapshot (call with the pair row locked). */
async function taken(tx: Tx, pairId: string, exceptUser?: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT (p."voteCount" + (
      SELECT count(*) FROM "Assignment" h
      WHERE h."pairId" = p."id" AND h."status" = 'OPEN' AND h."leasedUntil" > now()
        AND h."userId" IS DISTINCT FROM ${exceptUser ?? null}))::int AS n
    FROM "Pair" p WHERE p."id" = ${pairId}`;
  return row?.n ?? Infinity;
}

/**
 * Serves one pair that still needs votes: fewest votes first, then oldest; never one this
 * annotator already had. The pair's row is locked (SKIP LOCKED, so annotators never wait on
 * each other) and its free slots re-counted under the lock before the assignment is made.
 */
async function claimOne(projectId: string, userId: string, overlap: number) {
  return db.$transaction(async (tx) => {
    const tried: string[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const [pair] = await tx.$queryRaw<{ id: string }[]>`
        SELECT p."id" FROM "Pair" p
        WHERE p."projectId" = ${projectId} AND p."voteCount" < ${overlap}
          AND p."id" <> ALL(${tried}::text[])
          AND NOT EXISTS (SELECT 1 FROM "Assignment" a WHERE a."pairId" = p."id" AND a."userId" = ${userId})
          AND p."voteCount" + (SELECT count(*) FROM "Assignment" h
                               WHERE h."pairId" = p."id" AND h."status" = 'OPEN' AND h."leasedUntil" > now()) < ${overlap}
        ORDER BY p."voteCount", p."createdAt", p."id"
        LIMIT 1
        FOR UPDATE OF p SKIP LOCKED`;
      if (!pair) return null;
      if ((await taken(tx, pair.id)) >= overlap) {
        tried.push(pair.id); // someone took the last slot between our snapshot and our lock
        continue;
      }
      return tx.assignment.create({
        data: {
          projectId,
          pairId: pair.id,
          userId,
          leftIsA: randomInt(2) === 1,
          leasedUntil: new Date(Date.now() + LEASE_MINUTES * 60_000),
        },
      });
    }
    return null;
  });
}

/**
 * The annotator's next items: first their own open assignments the client does not hold (after a
 * reload, say; their lease is renewed when the pair still has room), then newly claimed pairs.
 */
export async function nextItems(projectId: string, userId: string, count: number, holding: string[]): Promise<AnnotationItem[]> {
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { overlap: true } });
  const own = await db.assignment.findMany({
    where: { projectId, userId, status: "OPEN", id: { notIn: holding } },
    orderBy: { createdAt: "asc" },
    take: count,
  });
  const kept = [];
  for (const a of own) {
    if (a.leasedUntil > new Date()) kept.push(a);
    else {
      const renewed = await db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM "Pair" WHERE "id" = ${a.pairId} FOR UPDATE`;
        if ((await taken(tx, a.pairId, userId)) >= project.overlap) {
          // Others filled the pair while this lease was lapsed: the slot is gone.
          await tx.assignment.delete({ where: { id: a.id } });
          return null;
        }
        return tx.assignment.update({ where: { id: a.id }, data: { leasedUntil: new Date(Date.now() + LEASE_MINUTES * 60_000) } });
      });
      if (renewed) kept.push(renewed);
    }
  }
  while (kept.length < count) {
    const claimed = await claimOne(projectId, userId, project.overlap);
    if (!claimed) break;
    kept.push(claimed);
  }
  return loadItems(kept);
}
