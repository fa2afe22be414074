import { describe, expect, it } from "vitest";
import { callCostUsd } from "./cost";
import { backoffMs, MAX_ATTEMPTS } from "./retry";

const always = (value: number) => () => value;

describe("backoffMs", () => {
  it("grows exponentially up to maxMs, with full jitter between 0 and the ceiling", () => {
    const top = (attempt: number) => backoffMs(attempt, undefined, { random: always(0.999999) });
    expect([1, 2, 3, 4].map(top)).toEqual([499, 999, 1999, 3999]);
    expect(top(20)).toBe(29_999);
    expect(top(1_000)).toBe(29_999);
    expect(backoffMs(5, undefined, { random: always(0) })).toBe(0);
    for (let i = 0; i < 200; i++) {
      const ms = backoffMs(3, undefined, { baseMs: 100, maxMs: 250 });
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(250);
    }
  });

  it("never waits less than the server's Retry-After", () => {
    expect(backoffMs(1, 7000, { random: always(0.5) })).toBe(7000);
    expect(backoffMs(10, 1000, { random: always(0.5) })).toBe(15_000);
    expect(backoffMs(1, 60_000)).toBe(60_000);
  });

  it("allows a handful of attempts", () => {
    expect(MAX_ATTEMPTS).toBe(6);
  });
});

describe("callCostUsd", () => {
  const endpoint = { inputPricePerMTok: 2.5, outputPricePerMTok: 10 };

  it("prices input and output tokens per million", () => {
    expect(callCostUsd(endpoint, 1_000_000, 0)).toBe(2.5);
    expect(callCostUsd(endpoint, 1200, 350)).toBeCloseTo(0.0065, 10);
  });

  it("is unknown when a priced token count is unknown, and zero for a free endpoint", () => {
    expect(callCostUsd(endpoint, null, 10)).toBeNull();
    expect(callCostUsd(endpoint, 10, null)).toBeNull();
    expect(callCostUsd({ inputPricePerMTok: 0, outputPricePerMTok: 0 }, null, null)).toBe(0);
  });
});
