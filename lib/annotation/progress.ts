import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { overlapWorkSql } from "./overlap-work";
import type { Progress } from "./schemas";

type Counts = Progress & { projectDone: number; projectTotal: number; hasGold: boolean };

/**
 * The annotator's and the project's counts, read in one statement so they agree with each other.
 * The project's are of the pairs its queue serves. It runs after every vote, skip and claim, over
 * every pair of the project: each pair short of votes reads its assignments once (one probe of
 * the pair's index), and the annotator's own answers are gathered once, not looked up pair by pair.
 */
export async function getProgress(projectId: string, userId: string): Promise<Counts> {
  const today = new Date();
  today.setHours(0, 0, 0, 0); // the server's day
  const [row] = await db.$queryRaw<Counts[]>`
    -- Gold pairs count among what is left while regular work remains (the queue serves them only
    -- then), and once served until answered: the count falls by one with every answer, gold or
    -- not, so it never tells which pair was gold.
    SELECT q."mineToday", q."mineTotal", q."projectDone", q."projectTotal", q."heldByOthers", q."hasGold",
      (q.regular + q."goldHeld" + CASE WHEN q.regular > q."regularHeld" THEN q."goldUnseen" ELSE 0 END)::int AS "leftForYou"
    FROM (SELECT
      (SELECT count(*) FROM "Vote" WHERE "projectId" = ${projectId} AND "userId" = ${userId} AND "createdAt" >= ${today})::int AS "mineToday",
      (SELECT count(*) FROM "Vote" WHERE "projectId" = ${projectId} AND "userId" = ${userId})::int AS "mineTotal",
      count(*) FILTER (WHERE p."voteCount" >= pr."overlap")::int AS "projectDone",
      count(p."id")::int AS "projectTotal",
      -- Left for you: pairs this annotator holds, or could still be served, as the queue decides
      -- (./queue.ts): room left after votes and others' live holds, not had before, not reserved
      -- for others, no answer of theirs.
      count(*) FILTER (WHERE p."voteCount" < pr."overlap" AND (
        coalesce(h.holding, false)
        OR (NOT coalesce(h.had, false)
          AND (NOT EXISTS (SELECT 1 FROM "PairReservation" r WHERE r."pairId" = p."id")
            OR EXISTS (SELECT 1 FROM "PairReservation" r WHERE r."pairId" = p."id" AND r."userId" = ${userId}))
          AND NOT (p."candidateAId" = ANY(me.answers) OR p."candidateBId" = ANY(me.answers))
          AND p."voteCount" + coalesce(h.live, 0) < pr."overlap")))::int AS regular,
      count(*) FILTER (WHERE p."voteCount" < pr."overlap" AND coalesce(h.holding, false))::int AS "regularHeld",
      gold.unseen AS "goldUnseen", gold.held AS "goldHeld", gold.total > 0 AS "hasGold",
      -- Held by others: pairs short of votes that others hold now, and that come back if they let go.
      count(*) FILTER (WHERE p."voteCount" < pr."overlap" AND h.others > 0)::int AS "heldByOthers"
    FROM "Project" pr
    -- The annotator's written answers (few, often none; a partial index holds the project's human
    -- answers): a pair holding one is never theirs to label.
    CROSS JOIN (SELECT coalesce(array_agg(c."id"), '{}') AS answers FROM "Candidate" c
                WHERE c."projectId" = ${projectId} AND c."source" = 'HUMAN' AND c."authorId" = ${userId}) me
    -- Judged projects queue only the pairs routed to humans; the others are the judge's.
    -- Gold pairs are not work to finish: each annotator answers them as they are served.
    LEFT JOIN "Pair" p ON p."projectId" = pr."id" AND ${Prisma.raw(overlapWorkSql())}
    -- A pair's assignments, read once, and only for a pair that still needs votes.
    LEFT JOIN LATERAL (
      SELECT bool_or(a."userId" = ${userId}) AS had,
             bool_or(a."userId" = ${userId} AND a."status" = 'OPEN') AS holding,
             count(*) FILTER (WHERE a."status" = 'OPEN' AND a."leasedUntil" > now()) AS live,
             count(*) FILTER (WHERE a."status" = 'OPEN' AND a."leasedUntil" > now() AND a."userId" <> ${userId}) AS others
      FROM "Assignment" a WHERE a."pairId" = p."id" AND p."voteCount" < pr."overlap"
    ) h ON true
    -- The gold pairs this annotator may still be served (none had) or holds: few, through their
    -- partial index and each one's (pair, user) assignment.
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE a."id" IS NULL AND pr."goldRate" > 0)::int AS unseen,
             count(*) FILTER (WHERE a."status" = 'OPEN')::int AS held, count(*)::int AS total
      FROM "Pair" g LEFT JOIN "Assignment" a ON a."pairId" = g."id" AND a."userId" = ${userId}
      WHERE g."projectId" = pr."id" AND g."goldLabel" IS NOT NULL
    ) gold
    WHERE pr."id" = ${projectId}
    GROUP BY pr."id", gold.unseen, gold.held, gold.total) q`;
  return row!;
}

// Each annotator's progress is read after every claim, vote and skip, and that read goes over
// the project's pairs (about 0.7 s on 300,000). Requests of one annotator that come while a read
// is running share the one read started after it: each answer is still read after its request
// came, and one annotator's burst of requests costs two reads, not one per request.
type Slot = { running: Promise<unknown> | null; next: Promise<unknown> | null };
const slots = new Map<string, Slot>();

/** `read()`'s result for `key`, from a read that started after this call (shared with the calls that came meanwhile). */
export function coalesced<T>(key: string, read: () => Promise<T>): Promise<T> {
  let slot = slots.get(key);
  if (!slot) slots.set(key, (slot = { running: null, next: null }));
  const s = slot;
  const start = () => {
    const current = read().finally(() => {
      if (s.running === current) s.running = null;
      if (!s.running && !s.next && slots.get(key) === s) slots.delete(key);
    });
    s.running = current;
    return current;
  };
  if (!s.running && !s.next) return start();
  // The read running may have begun before this call: this one waits for the read after it
  // (one is queued already when a read has just ended and the next not yet begun).
  return (s.next ??= (s.running ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => {
      s.next = null;
      return start();
    })) as Promise<T>;
}

/**
 * The progress an annotation page shows the user. In a project with gold pairs an annotator is
 * not told the project's counts: with an overlap of one, a vote on a regular pair moves them and
 * a vote on a gold pair does not, which would tell the gold pairs apart (undo let one try it
 * before answering for real). Admins, who mark the gold pairs, see them.
 */
export async function progressFor(projectId: string, user: { id: string; role: string }): Promise<Progress> {
  const { hasGold, ...counts } = await coalesced(`${projectId}:${user.id}`, () => getProgress(projectId, user.id));
  return hasGold && user.role !== "ADMIN" ? { ...counts, projectDone: null, projectTotal: null } : counts;
}
