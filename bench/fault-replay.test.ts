import { describe, expect, it } from "vitest";
import type { AttemptRecord } from "@/lib/testing/model-server";
import { honoursRetryAfterOnly, meanBackOff, patternSeconds } from "./fault-replay";

/** Attempt records for requests given as their faults in order, each first tried in list order. */
function log(...requests: (AttemptRecord["fault"] | "ok")[][]): AttemptRecord[] {
  return requests.flatMap((faults, i) =>
    faults.map((f, attempt) => ({
      at: i * 10 + attempt * 1000,
      request: `r${i}`,
      attempt,
      fault: f === "ok" ? null : f,
    })),
  );
}

const opts = (concurrency: number) => ({
  concurrency,
  latencyMs: 100,
  wait: honoursRetryAfterOnly(1000),
});

describe("patternSeconds", () => {
  it("keeps every slot busy while requests wait", () => {
    expect(patternSeconds(log(["ok"], ["ok"], ["ok"], ["ok"], ["ok"]), opts(2))).toBeCloseTo(0.3);
  });

  it("waits out Retry-After after a 429, and retries a 500 at once", () => {
    expect(patternSeconds(log(["429", "ok"]), opts(4))).toBeCloseTo(1.2);
    expect(patternSeconds(log(["500", "500", "ok"]), opts(4))).toBeCloseTo(0.3);
  });

  it("runs a retry before fresh requests once it may go, and fresh ones while it waits", () => {
    // r0 fails at 0.1; its retry goes before r1 and r2.
    expect(patternSeconds(log(["500", "ok"], ["ok"], ["ok"]), opts(1))).toBeCloseTo(0.4);
    // r0's retry may go at 1.1: r1 and r2 run meanwhile, and the run ends with it.
    expect(patternSeconds(log(["429", "ok"], ["ok"], ["ok"]), opts(1))).toBeCloseTo(1.2);
  });

  it("waits the app's back-off at its mean jitter when asked to", () => {
    // After the first failure the back-off's ceiling is 500 ms, so its mean is 250 ms.
    const mean = { ...opts(1), wait: meanBackOff(1000) };
    expect(patternSeconds(log(["500", "ok"]), mean)).toBeCloseTo(0.45);
    expect(patternSeconds(log(["429", "ok"]), mean)).toBeCloseTo(1.2);
  });
});
