import "server-only";
import { parseEnv } from "@/lib/config/env";

const env = parseEnv(process.env);

// Tunables of the job runtime. Leases are short and renewed by a heartbeat, so the work of a
// killed worker is taken over within about one lease. Idle workers are woken by NOTIFY; the poll
// is only the fallback for a lost notification or a dropped LISTEN connection.
export const jobsConfig = {
  leaseSeconds: env.GENERATION_LEASE_SECONDS,
  heartbeatMs: env.GENERATION_HEARTBEAT_MS,
  /** Calls one worker process keeps in flight across all endpoints. */
  workerConcurrency: env.WORKER_CONCURRENCY,
  pollMs: env.GENERATION_POLL_MS,
  callTimeoutMs: env.GENERATION_CALL_TIMEOUT_MS,
};

/**
 * The application_name of a worker's LISTEN connection: PostgreSQL lists it for as long as the
 * worker lives, so a running run can say when no worker is there to take its tasks.
 */
export const WORKER_APPLICATION_NAME = "pairwise-worker";

/** The channel a NOTIFY on tasks to do is sent on. */
export const WORK_CHANNEL = "pairwise_work";
/** The channel a run's id is sent on when calls of it must stop (paused, cancelled, an endpoint stopped). */
export const RUN_STATE_CHANNEL = "pairwise_run_state";
