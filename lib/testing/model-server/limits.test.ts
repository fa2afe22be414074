import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startModelServer } from "./server";
import { chatBody, eventually, postChat } from "./test-client";
import type { ModelServer } from "./types";

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer();
});
beforeEach(() => {
  server.configure({
    latencyMs: 0,
    latencyJitterMs: 0,
    maxConcurrency: undefined,
    requestsPerMinute: undefined,
    retryAfterSeconds: 1,
  });
  server.resetStats();
});
afterAll(() => server.close());

describe("concurrency cap", () => {
  it("refuses requests beyond the cap with 429 and Retry-After, and never runs more than the cap", async () => {
    server.configure({ maxConcurrency: 3, latencyMs: 150 });
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => postChat(server, chatBody("test-strong", `parallel ${i}`))),
    );
    const refused = responses.filter((r) => r.status === 429);
    const served = responses.filter((r) => r.status === 200);
    expect(refused.length + served.length).toBe(12);
    expect(refused.length).toBeGreaterThan(0);
    expect(served.length).toBeGreaterThanOrEqual(3);
    for (const res of refused) {
      expect(res.headers.get("retry-after")).toBe("1");
      expect((await res.json()).error).toMatchObject({ type: "rate_limit_exceeded" });
    }
    const stats = server.stats();
    expect(stats.maxConcurrentSeen).toBe(3);
    expect(stats.byStatus[429]).toBe(refused.length);
    await eventually(() => expect(server.stats().inFlight).toBe(0));
  });

  it("uses the configured Retry-After and frees slots once answers are done", async () => {
    server.configure({ maxConcurrency: 1, retryAfterSeconds: 7, latencyMs: 100 });
    const slow = postChat(server, chatBody("test-weak", "holds the only slot"));
    await eventually(() => expect(server.stats().inFlight).toBe(1));
    const refused = await postChat(server, chatBody("test-weak", "too soon"));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("7");
    expect((await slow).status).toBe(200);
    expect((await postChat(server, chatBody("test-weak", "after the slot is free"))).status).toBe(200);
    expect(server.stats().maxConcurrentSeen).toBe(1);
  });

  it("limits requests per minute", async () => {
    server.configure({ requestsPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await postChat(server, chatBody("test-weak", `rpm ${i}`))).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    server.resetStats(); // forgets the window as well
    expect((await postChat(server, chatBody("test-weak", "fresh window"))).status).toBe(200);
  });

  it("rejects invalid settings", () => {
    expect(() => server.configure({ maxConcurrency: 0 })).toThrow(RangeError);
    expect(() => server.configure({ faults: { rate500: 1.5 } })).toThrow(RangeError);
    expect(() => server.configure({ port: 1 } as never)).toThrow(/port/);
  });
});

describe("latency", () => {
  it("delays a whole answer by at least latencyMs", async () => {
    server.configure({ latencyMs: 120, latencyJitterMs: 30 });
    const started = performance.now();
    const res = await postChat(server, chatBody("test-strong", "slow please"));
    await res.text();
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("delays the first streamed chunk by at least latencyMs", async () => {
    server.configure({ latencyMs: 120 });
    const started = performance.now();
    const res = await postChat(server, chatBody("test-strong", "slow stream", { stream: true }));
    const reader = res.body!.getReader();
    await reader.read();
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    await reader.cancel();
  });
});
