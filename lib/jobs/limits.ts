import "server-only";
import { db } from "@/lib/db";

// Per-endpoint limits shared by every worker process through PostgreSQL.

/** Leases a free concurrency slot of the endpoint, or returns null when all are taken. */
export async function tryAcquireSlot(endpointId: string, holder: string, leaseSeconds: number): Promise<number | null> {
  return (await tryAcquireSlots(endpointId, holder, leaseSeconds, 1))[0] ?? null;
}

/**
 * Leases up to `count` free concurrency slots of the endpoint in one statement (fewer, or none,
 * when other holders have the rest): a worker starting 32 calls asks once, not 32 times.
 */
export async function tryAcquireSlots(
  endpointId: string,
  holder: string,
  leaseSeconds: number,
  count: number,
): Promise<number[]> {
  const rows = await db.$queryRaw<{ slot: number }[]>`
    UPDATE "EndpointSlot" s SET "leasedUntil" = now() + make_interval(secs => ${leaseSeconds}), "holder" = ${holder}
    FROM (
      SELECT "endpointId", "slot" FROM "EndpointSlot"
      WHERE "endpointId" = ${endpointId} AND "leasedUntil" < now()
      ORDER BY "slot" LIMIT ${count} FOR UPDATE SKIP LOCKED) free
    WHERE s."endpointId" = free."endpointId" AND s."slot" = free."slot"
    RETURNING s."slot"`;
  return rows.map((r) => r.slot).sort((a, b) => a - b);
}

export async function releaseSlot(endpointId: string, slot: number, holder: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "EndpointSlot" SET "leasedUntil" = now() - interval '1 millisecond', "holder" = NULL
    WHERE "endpointId" = ${endpointId} AND "slot" = ${slot} AND "holder" = ${holder}`;
}

/**
 * Requests-per-minute limit as a generic cell rate algorithm: one row per endpoint holding the
 * theoretical arrival time of the next request. Returns 0 when the request may go now, else
 * the milliseconds to wait before asking again. A burst of up to one second's share is allowed.
 */
export async function takeRateToken(endpointId: string, requestsPerMinute: number): Promise<number> {
  const interval = 60 / requestsPerMinute;
  const tolerance = Math.max(0, requestsPerMinute / 60 - 1) * interval;
  await db.$executeRaw`INSERT INTO "EndpointRate" ("endpointId") VALUES (${endpointId}) ON CONFLICT DO NOTHING`;
  const taken = await db.$executeRaw`
    UPDATE "EndpointRate" SET "tat" = greatest("tat", now()) + make_interval(secs => ${interval})
    WHERE "endpointId" = ${endpointId} AND greatest("tat", now()) - now() <= make_interval(secs => ${tolerance})`;
  if (taken) return 0;
  const [row] = await db.$queryRaw<{ waitMs: number }[]>`
    SELECT (extract(epoch FROM greatest("tat", now()) - now()) * 1000 - ${tolerance * 1000})::float8 AS "waitMs"
    FROM "EndpointRate" WHERE "endpointId" = ${endpointId}`;
  return Math.max(1, Math.ceil(row?.waitMs ?? 50));
}
