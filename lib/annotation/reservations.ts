import "server-only";
import { bulkTransaction } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import { invalid } from "@/lib/projects";
import { overlapWorkSql } from "./overlap-work";
import { reserveSchema, type ReservationSummary, type ReserveInput } from "./schemas";

/** Pairs of the project's queue that still need votes (judged projects queue only routed pairs; gold pairs are no one's to reserve). */
const NEEDING = `FROM "Pair" p JOIN "Project" pr ON pr."id" = p."projectId"
  WHERE p."projectId" = $1 AND p."voteCount" < pr."overlap" AND ${overlapWorkSql()}`;

/**
 * Reserves pairs that still need votes for the chosen annotators: served only to them (the
 * queue's candidate statement) until they fill or the reservation is released. A share is of all
 * pairs still needing votes; the oldest pairs not yet reserved are taken. Returns the pairs reserved.
 */
export async function reservePairs(projectId: string, raw: ReserveInput): Promise<{ pairs: number }> {
  const input = reserveSchema.parse(raw);
  const userIds = [...new Set(input.userIds)];
  const members = await db.projectMember.count({ where: { projectId, userId: { in: userIds } } });
  if (members !== userIds.length) {
    throw invalid([{ path: ["userIds"], message: "Reserve pairs only for members of this project" }]);
  }
  return bulkTransaction(async (c) => {
    // One reservation at a time per project, so two admins cannot reserve the same pairs twice.
    await c.query(`SELECT 1 FROM "Project" WHERE "id" = $1 FOR UPDATE`, [projectId]);
    let limit = input.amount;
    if (input.unit === "percent") {
      const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n ${NEEDING}`, [projectId]);
      limit = Math.ceil((rows[0]!.n * input.amount) / 100);
    }
    const { rowCount } = await c.query(
      `WITH chosen AS (
         SELECT p."id" ${NEEDING}
           AND NOT EXISTS (SELECT 1 FROM "PairReservation" r WHERE r."pairId" = p."id")
         ORDER BY p."createdAt", p."id" LIMIT $3)
       INSERT INTO "PairReservation" ("pairId", "userId", "projectId")
       SELECT chosen."id", u, $1 FROM chosen CROSS JOIN unnest($2::text[]) u
       ON CONFLICT DO NOTHING`,
      [projectId, userIds, limit],
    );
    return { pairs: (rowCount ?? 0) / userIds.length };
  });
}

/** Releases reservations (all of the project's, or one annotator's); returns the rows removed. */
export async function releaseReservations(projectId: string, userId?: string): Promise<{ released: number }> {
  const { count } = await db.pairReservation.deleteMany({ where: { projectId, ...(userId ? { userId } : {}) } });
  return { released: count };
}

/** Each annotator with reservations: how many pairs, and how many still wait for their vote. */
export async function listReservations(projectId: string): Promise<ReservationSummary[]> {
  return db.$queryRaw<ReservationSummary[]>`
    SELECT r."userId", u."email", u."name", count(*)::int AS "reserved",
      count(*) FILTER (WHERE p."voteCount" < pr."overlap" AND NOT EXISTS (
        SELECT 1 FROM "Assignment" a WHERE a."pairId" = r."pairId" AND a."userId" = r."userId"
          AND a."status" <> 'OPEN'))::int AS "waiting"
    FROM "PairReservation" r
    JOIN "User" u ON u."id" = r."userId"
    JOIN "Pair" p ON p."id" = r."pairId"
    JOIN "Project" pr ON pr."id" = r."projectId"
    WHERE r."projectId" = ${projectId}
    GROUP BY r."userId", u."email", u."name"
    ORDER BY u."email"`;
}
