import "server-only";

// Tunables of the job runtime. Leases are short and renewed by a heartbeat, so the work of a
// killed worker is taken over within about one lease. Idle workers are woken by NOTIFY; the poll
// is only the fallback for a lost notification or a dropped LISTEN connection.
export const jobsConfig = {
  leaseSeconds: Number(process.env.GENERATION_LEASE_SECONDS ?? 15),
  heartbeatMs: Number(process.env.GENERATION_HEARTBEAT_MS ?? 5000),
  /** Calls one worker process keeps in flight across all endpoints. */
  workerConcurrency: Number(process.env.WORKER_CONCURRENCY ?? 64),
  pollMs: Number(process.env.GENERATION_POLL_MS ?? 2000),
  callTimeoutMs: Number(process.env.GENERATION_CALL_TIMEOUT_MS ?? 120_000),
};

/** The channel a NOTIFY on tasks to do is sent on. */
export const WORK_CHANNEL = "pairwise_work";
