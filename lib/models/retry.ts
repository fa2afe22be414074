/** Attempts per call, the first included, before a task counts as failed. */
export const MAX_ATTEMPTS = 6;

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  /** For tests: a source of uniform numbers in [0, 1). */
  random?: () => number;
}

/**
 * Delay before the next attempt after `attempt` failed ones (1 after the first failure):
 * exponential with full jitter, so many workers hitting one limit spread out instead of
 * retrying in lockstep. A server's Retry-After is a floor, never shortened by the jitter.
 */
export function backoffMs(attempt: number, retryAfterMs?: number, opts: BackoffOptions = {}): number {
  const { baseMs = 500, maxMs = 30_000, random = Math.random } = opts;
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, Math.ceil(retryAfterMs ?? 0));
}
