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

  it("lets requests through at the requests-per-minute rate, with a one-second burst", async () => {
    const e = await endpoint(1);
    // 120 per minute: one every 0.5 s, two at once.
    const waits = [];
    const started = performance.now();
    let beforeThird = 0;
    for (let i = 0; i < 4; i++) {
      if (i === 2) beforeThird = performance.now() - started;
      waits.push(await takeRateToken(e.id, 120));
    }
    expect(waits.slice(0, 2)).toEqual([0, 0]);
    // The third waits for the half second's token, less the time that passed since the first
    // (measured here, so a slow machine cannot fail it).
    expect(waits[2]).toBeGreaterThanOrEqual(500 - Math.ceil(beforeThird) - 1);
    expect(waits[2]).toBeLessThanOrEqual(500);
    // A refused request takes nothing: the next one waits for the same token, no longer.
    expect(waits[3]).toBeLessThanOrEqual(waits[2]!);
  });
});
