import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { releaseSlot, takeRateToken, tryAcquireSlot, tryAcquireSlots } from "./limits";

async function endpoint(concurrencyLimit: number) {
  const e = await db.modelEndpoint.create({
    data: {
      name: `e-${Math.random()}`,
      provider: "OPENAI_COMPATIBLE",
      baseUrl: "http://127.0.0.1:1/v1",
      modelId: "m",
      concurrencyLimit,
    },
  });
  await db.endpointSlot.createMany({
    data: Array.from({ length: concurrencyLimit }, (_, slot) => ({ endpointId: e.id, slot })),
  });
  return e;
}

describe("endpoint limits in PostgreSQL", () => {
  it("hands out each slot once until it is released", async () => {
    const e = await endpoint(2);
    const got = await Promise.all([1, 2, 3, 4].map((i) => tryAcquireSlot(e.id, `w${i}`, 30)));
    expect(got.filter((s) => s !== null).sort()).toEqual([0, 1]);
    const holder = `w${got.findIndex((s) => s === 0) + 1}`;
    await releaseSlot(e.id, 0, "someone-else"); // only the holder can release
    expect(await tryAcquireSlot(e.id, "w9", 30)).toBeNull();
    await releaseSlot(e.id, 0, holder);
    expect(await tryAcquireSlot(e.id, "w9", 30)).toBe(0);
  });

  it("leases several free slots in one statement, never one that is taken", async () => {
    const e = await endpoint(3);
    expect(await tryAcquireSlots(e.id, "w1", 30, 2)).toEqual([0, 1]);
    const [a, b] = await Promise.all([tryAcquireSlots(e.id, "w2", 30, 5), tryAcquireSlots(e.id, "w3", 30, 5)]);
    expect([...a!, ...b!]).toEqual([2]);
    await releaseSlot(e.id, 1, "w1");
    expect(await tryAcquireSlots(e.id, "w4", 30, 5)).toEqual([1]);
  });

  it("frees a slot whose lease ran out (a dead worker's)", async () => {
    const e = await endpoint(1);
    expect(await tryAcquireSlot(e.id, "dead", 0.2)).toBe(0);
    expect(await tryAcquireSlot(e.id, "alive", 30)).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    expect(await tryAcquireSlot(e.id, "alive", 30)).toBe(0);
  });

  it("lets a second's share of requests through at once", async () => {
    const e = await endpoint(1);
    // 120 per minute: one every 0.5 s, two at once. Tokens come back with time, so a slow
    // machine can only let more through: the first two never wait, whatever the timing.
    const started = performance.now();
    expect([await takeRateToken(e.id, 120), await takeRateToken(e.id, 120)]).toEqual([0, 0]);
    const third = await takeRateToken(e.id, 120);
    // Asked well within the half second, the third waits for its token: never longer than it.
    if (performance.now() - started < 400) expect(third).toBeGreaterThan(0);
    expect(third).toBeLessThanOrEqual(500);
  });

  it("makes a request wait for the next token, and a refused one takes nothing", async () => {
    const e = await endpoint(1);
    // 2 per minute: one every 30 s, no burst. Whatever the machine's speed, the second request
    // comes within the 30 s and waits for the token; asking again waits no longer than that.
    expect(await takeRateToken(e.id, 2)).toBe(0);
    const second = await takeRateToken(e.id, 2);
    expect(second).toBeGreaterThan(0);
    expect(second).toBeLessThanOrEqual(30_000);
    const third = await takeRateToken(e.id, 2);
    expect(third).toBeGreaterThan(0);
    expect(third).toBeLessThanOrEqual(second);
  });
});
