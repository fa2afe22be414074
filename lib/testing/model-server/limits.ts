const WINDOW_MS = 60_000;

export type Refusal = "concurrency" | "requests_per_minute";

/** Admission control: refuses at once rather than queueing, as a rate-limited API does. */
export class RequestLimiter {
  inFlight = 0;
  private admittedAt: number[] = [];

  tryAcquire(limits: { maxConcurrency?: number; requestsPerMinute?: number }, now = Date.now()): Refusal | undefined {
    if (limits.maxConcurrency !== undefined && this.inFlight >= limits.maxConcurrency) return "concurrency";
    if (limits.requestsPerMinute !== undefined) {
      this.admittedAt = this.admittedAt.filter((t) => now - t < WINDOW_MS);
      if (this.admittedAt.length >= limits.requestsPerMinute) return "requests_per_minute";
      this.admittedAt.push(now);
    }
    this.inFlight += 1;
    return undefined;
  }

  release(): void {
    this.inFlight -= 1;
  }

  resetWindow(): void {
    this.admittedAt = [];
  }
}
