import { backoffMs } from "@/lib/models/retry";
import type { AttemptRecord } from "@/lib/testing/model-server";

export interface ReplayOptions {
  concurrency: number;
  latencyMs: number;
  /** The wait after the `failures`-th failed attempt of a request, which drew `fault`. */
  wait: (failures: number, fault: string) => number;
}

/** No wait beyond Retry-After: the least any runtime that honours it could wait. */
export const honoursRetryAfterOnly = (retryAfterMs: number) => (_: number, fault: string) =>
  fault === "429" ? retryAfterMs : 0;

/** The app's back-off (lib/models/retry) with its jitter at its mean. */
export const meanBackOff = (retryAfterMs: number) => (failures: number, fault: string) =>
  backoffMs(failures, fault === "429" ? retryAfterMs : undefined, { random: () => 0.5 });

/**
 * How long the attempts a model server logged (`--attempt-log`) take when run by a runtime with
 * no cost of its own: `concurrency` calls in flight whenever there is one to make, requests
 * started in the order the real run started them, a retry going first once its wait is over.
 * Which requests a fault pattern refuses, and how often in a row, is fixed by the server's seed;
 * a request refused three times near the end of the queue lengthens any run of it. Comparing a
 * measured run with this tells the runtime's overhead apart from the pattern's own tail.
 */
export function patternSeconds(records: AttemptRecord[], opts: ReplayOptions): number {
  const byRequest = new Map<string, AttemptRecord[]>();
  for (const r of records) byRequest.set(r.request, [...(byRequest.get(r.request) ?? []), r]);
  const queue = [...byRequest.values()]
    .map((attempts) => attempts.sort((a, b) => a.attempt - b.attempt))
    .sort((a, b) => a[0]!.at - b[0]!.at)
    .map((attempts) => attempts.map((a) => a.fault));

  const slots: number[] = new Array<number>(opts.concurrency).fill(0);
  const retries: { readyAt: number; faults: (string | null)[]; step: number }[] = [];
  let next = 0;
  let end = 0;
  while (next < queue.length || retries.length) {
    const slot = slots.indexOf(Math.min(...slots));
    const free = slots[slot]!;
    retries.sort((a, b) => a.readyAt - b.readyAt);
    let work: { faults: (string | null)[]; step: number; start: number };
    if (retries.length && (retries[0]!.readyAt <= free || next >= queue.length)) {
      const r = retries.shift()!;
      work = { faults: r.faults, step: r.step, start: Math.max(free, r.readyAt) };
    } else {
      work = { faults: queue[next++]!, step: 0, start: free };
    }
    const done = work.start + opts.latencyMs;
    slots[slot] = done;
    const fault = work.faults[work.step];
    if (fault && work.step + 1 < work.faults.length)
      retries.push({ readyAt: done + opts.wait(work.step + 1, fault), faults: work.faults, step: work.step + 1 });
    else end = Math.max(end, done);
  }
  return end / 1000;
}
