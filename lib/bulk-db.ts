import "server-only";
import pg from "pg";
import { getServerEnv } from "@/lib/env";

// Imports and the annotation hot path (claim and vote) use this plain pg pool rather than the
// Prisma client. Prisma keeps the arguments of its last 100 or so queries in memory for its
// debug log, enabled or not; with 1000-row batches passed as one parameter that pinned about
// 200 MB per process (measured with a heap snapshot). And each Prisma query costs CPU in its
// query engine: submit-plus-claim took 72 ms at p95 for 50 annotators through Prisma against
// 7 ms for the same statements sent with pg. Hand-written SQL needs nothing Prisma adds.

const globalForPool = globalThis as unknown as { pairwiseBulkPool?: { url: string; pool: pg.Pool } };

export function bulkPool(): pg.Pool {
  const { DATABASE_URL: url, DATABASE_POOL_MAX: max } = getServerEnv();
  if (globalForPool.pairwiseBulkPool?.url !== url) {
    const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
    // An idle connection that the server closes (restart, dropped test database) must not
    // crash the process; the next query simply opens a new one.
    pool.on("error", (err) => console.error("[db] idle bulk connection failed:", err.message));
    globalForPool.pairwiseBulkPool = { url, pool };
  }
  return globalForPool.pairwiseBulkPool.pool;
}

export type BulkClient = Pick<pg.PoolClient, "query">;

/** Runs `fn` in one transaction on one connection: committed if it returns, rolled back if it throws. */
export async function bulkTransaction<T>(fn: (client: BulkClient) => Promise<T>): Promise<T> {
  const client = await bulkPool().connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    // A connection that cannot even roll back is discarded rather than reused.
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw err;
  } finally {
    client.release(broken);
  }
}

/** Closes the pool (tests and scripts, before their database goes away). */
export async function closeBulkPool(): Promise<void> {
  const current = globalForPool.pairwiseBulkPool;
  globalForPool.pairwiseBulkPool = undefined;
  await current?.pool.end();
}
