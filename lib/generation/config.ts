import "server-only";

// Tunables of the generation engine. Leases are short and renewed by a heartbeat, so the work
// of a killed worker is taken over within about one lease.
export const generationConfig = {
  queue: "generation",
  leaseSeconds: Number(process.env.GENERATION_LEASE_SECONDS ?? 15),
  heartbeatMs: Number(process.env.GENERATION_HEARTBEAT_MS ?? 5000),
  /** Calls one worker process keeps in flight across all endpoints. */
  workerConcurrency: Number(process.env.WORKER_CONCURRENCY ?? 64),
  pollMs: Number(process.env.GENERATION_POLL_MS ?? 200),
  callTimeoutMs: Number(process.env.GENERATION_CALL_TIMEOUT_MS ?? 120_000),
};
