import "server-only";
import { db } from "@/lib/db";
import { WORKER_APPLICATION_NAME } from "./config";

/**
 * Workers connected to this database now: each keeps one LISTEN connection open under its own
 * application_name while it lives (a killed process's connection goes with it), so PostgreSQL's
 * own list of sessions says whether anyone is there to take a running run's tasks. With
 * `PAIRWISE_WORKER=0` and no `npm run worker`, a run would otherwise say "Running" for ever.
 */
export async function workersConnected(): Promise<number> {
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = ${WORKER_APPLICATION_NAME}`;
  return rows[0]?.n ?? 0;
}
