import "server-only";
import { db } from "@/lib/db";
import { jobsConfig, WORKER_APPLICATION_NAME } from "./config";

/** The workers a running run can count on, and those connected that have stopped answering. */
export interface WorkerPresence {
  /** Connected and answering: each pings its LISTEN connection at every heartbeat. */
  answering: number;
  /**
   * Connected but silent for longer than `silentAfterMs`: a process suspended (Ctrl-Z in its
   * terminal) or stuck keeps its connection open without doing anything on it.
   */
  silent: number;
  /** How long without a ping makes a connected worker silent. */
  silentAfterSeconds: number;
}

/**
 * Silent this long, a worker no longer counts: twice a lease, so by then every task it claimed
 * has been given back to the queue, and a worker busy for a moment (a large reply to parse) is
 * not taken for a stuck one.
 */
export const silentAfterMs = () => 2 * jobsConfig.leaseSeconds * 1000;

/**
 * Workers connected to this database now: each keeps one LISTEN connection open under its own
 * application_name while it lives (a killed process's connection goes with it), so PostgreSQL's
 * own list of sessions says whether anyone is there to take a running run's tasks. With
 * `PAIRWISE_WORKER=0` and no `npm run worker`, a run would otherwise say "Running" for ever.
 * A live worker runs a statement on that connection at every heartbeat (./wake.ts), so a session
 * whose state has not changed for `silentAfterMs` belongs to a worker that no longer runs.
 */
export async function workerPresence(silentMs = silentAfterMs()): Promise<WorkerPresence> {
  const rows = await db.$queryRaw<Omit<WorkerPresence, "silentAfterSeconds">[]>`
    SELECT count(*) FILTER (WHERE answering)::int AS answering, count(*) FILTER (WHERE NOT answering)::int AS silent
    FROM (
      SELECT coalesce(state_change > clock_timestamp() - make_interval(secs => ${silentMs / 1000}), true) AS answering
      FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = ${WORKER_APPLICATION_NAME}) w`;
  return { answering: rows[0]?.answering ?? 0, silent: rows[0]?.silent ?? 0, silentAfterSeconds: silentMs / 1000 };
}
