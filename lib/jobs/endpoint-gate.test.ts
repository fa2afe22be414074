import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { EndpointGate } from "./endpoint-gate";
import { tryAcquireSlot, releaseSlot } from "./limits";

async function endpoint(concurrencyLimit: number) {
  const e = await db.modelEndpoint.create({
    data: { name: `e-${Math.random()}`, provider: "OPENAI_COMPATIBLE", baseUrl: "http://127.0.0.1:1/v1", modelId: "m" },
  });
  await db.endpointSlot.createMany({
    data: Array.from({ length: concurrencyLimit }, (_, slot) => ({ endpointId: e.id, slot })),
  });
  return e.id;
}

const within = <T>(p: Promise<T>, ms = 2000) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))]);

describe("a stopping worker's callers waiting at an endpoint", () => {
  it("leave this worker's line and its place goes to the next caller", async () => {
    const id = await endpoint(1);
    const gate = new EndpointGate("worker-a");
    const calling = await gate.acquire(id, 1, null);
    const stop = new AbortController();
    const waiting = gate.acquire(id, 1, null, { signal: stop.signal });
    stop.abort();
    await expect(within(waiting)).rejects.toThrow(/abort/i);
    await calling.release();
    // Handed to the caller that left, the place would be lost and this would wait for ever.
    const next = await within(gate.acquire(id, 1, null));
    await next.release();
    await gate.close();
  });

  it("stop waiting for a slot another worker holds, and take none of it later", async () => {
    const id = await endpoint(1);
    expect(await tryAcquireSlot(id, "worker-b", 30)).toBe(0);
    const gate = new EndpointGate("worker-a");
    const stop = new AbortController();
    const waiting = gate.acquire(id, 1, null, { signal: stop.signal });
    await new Promise((r) => setTimeout(r, 50)); // asking the table, finding every slot taken
    stop.abort();
    await expect(within(waiting)).rejects.toThrow(/abort/i);
    await releaseSlot(id, 0, "worker-b");
    await new Promise((r) => setTimeout(r, 300)); // past the longest pause between two asks
    expect(await db.endpointSlot.findFirstOrThrow({ where: { endpointId: id } })).toMatchObject({ holder: null });
    // Its place is free again for the next caller here.
    const next = await within(gate.acquire(id, 1, null));
    await next.release();
    await gate.close();
  });
});
