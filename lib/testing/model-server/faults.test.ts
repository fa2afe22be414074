import { readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decideFault } from "./faults";
import { spawnModelServer } from "./process";
import { startModelServer } from "./server";
import { chatBody, complete, contentOf, eventually, postChat } from "./test-client";
import type { AttemptRecord, ModelServer } from "./types";

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer({ seed: 42 });
});
beforeEach(() => {
  server.configure({ faults: undefined, hangMs: 60_000 });
  server.resetStats();
});
afterAll(() => server.close());

/** Sends each body until it gets a 200; returns how many attempts each one needed. */
async function untilSuccess(bodies: unknown[]): Promise<number[]> {
  const attempts: number[] = [];
  // A few at a time: hundreds of parallel sockets only make the test slower.
  const queue = bodies.map((body, index) => ({ body, index }));
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      for (let attempt = 1; attempts[job.index] === undefined; attempt++) {
        if (attempt > 30) throw new Error("never succeeded");
        const res = await postChat(server, job.body);
        await res.text();
        if (res.status === 200) attempts[job.index] = attempt;
        else expect(res.status).toBe(500);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return attempts;
}

describe("fault decisions", () => {
  it("hit each fault's share of attempts, are exclusive, and are fixed by their inputs", () => {
    const rates = { rate429: 0.1, rate500: 0.2, rateTimeout: 0.05 };
    const counts: Record<string, number> = {};
    for (let i = 0; i < 5000; i++) {
      const kind = decideFault(rates, 1, `body ${i}`, 0) ?? "none";
      counts[kind] = (counts[kind] ?? 0) + 1;
      expect(decideFault(rates, 1, `body ${i}`, 0) ?? "none").toBe(kind);
    }
    expect(counts["429"]! / 5000).toBeCloseTo(0.1, 1);
    expect(counts["500"]! / 5000).toBeCloseTo(0.2, 1);
    expect(counts.timeout! / 5000).toBeCloseTo(0.05, 1);
    expect(decideFault({ rate500: 1 }, 1, "x", 0)).toBe("500");
    expect(decideFault({}, 1, "x", 0)).toBeUndefined();
  });
});

describe("injected faults", () => {
  it("fails some requests with 500 and lets every one succeed on retry, reproducibly", async () => {
    server.configure({ faults: { rate500: 0.3 } });
    const bodies = Array.from({ length: 200 }, (_, i) => chatBody("test-weak", `distinct request ${i}`));
    const attempts = await untilSuccess(bodies);
    const failedFirst = attempts.filter((n) => n > 1).length;
    expect(failedFirst).toBeGreaterThan(30);
    expect(failedFirst).toBeLessThan(90);
    const stats = server.stats();
    expect(stats.byStatus[500]).toBe(attempts.reduce((sum, n) => sum + n - 1, 0));
    expect(stats.faults["500"]).toBe(stats.byStatus[500]);
    expect(stats).toMatchObject({ completions: 200, duplicateSuccesses: 0, byStatus: { 200: 200 } });

    server.resetStats();
    expect(await untilSuccess(bodies)).toEqual(attempts);
    server.configure({ seed: 43 });
    server.resetStats();
    expect(await untilSuccess(bodies)).not.toEqual(attempts);
    server.configure({ seed: 42 });
  });

  it("tells onAttempt of each answered attempt: which request, its number, the fault it drew", async () => {
    const seen: AttemptRecord[] = [];
    server.configure({ faults: { rate500: 0.3 }, onAttempt: (a) => void seen.push(a) });
    try {
      const bodies = Array.from({ length: 40 }, (_, i) => chatBody("test-weak", `logged request ${i}`));
      const attempts = await untilSuccess(bodies);
      expect(seen).toHaveLength(attempts.reduce((sum, n) => sum + n, 0));
      const byRequest = new Map<string, AttemptRecord[]>();
      for (const a of seen) byRequest.set(a.request, [...(byRequest.get(a.request) ?? []), a]);
      expect(byRequest.size).toBe(bodies.length);
      expect([...byRequest.values()].map((a) => a.length).sort()).toEqual([...attempts].sort());
      for (const tries of byRequest.values()) {
        expect(tries.map((a) => a.attempt)).toEqual(tries.map((_, i) => i));
        expect(tries.map((a) => a.fault)).toEqual([...tries.slice(1).map(() => "500"), null]);
      }
    } finally {
      server.configure({ onAttempt: undefined });
    }
  });

  it("writes the attempt log from the command line, one JSON line per attempt", async () => {
    const file = path.join(os.tmpdir(), `attempt-log-${process.pid}-${Date.now()}.jsonl`);
    const spawned = await spawnModelServer(["--fault-429", "1", "--retry-after", "0", "--attempt-log", file]);
    try {
      for (let i = 0; i < 2; i++)
        await (await postChat({ baseUrl: spawned.baseUrl }, chatBody("test-weak", "again"))).text();
      await spawned.stop();
      const lines = (await readFile(file, "utf8"))
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as AttemptRecord);
      expect(lines).toMatchObject([
        { attempt: 0, fault: "429" },
        { attempt: 1, fault: "429" },
      ]);
      expect(lines[0]!.request).toBe(lines[1]!.request);
    } finally {
      await spawned.stop();
      await rm(file, { force: true });
    }
  });

  it("sends Retry-After with an injected 429", async () => {
    server.configure({ faults: { rate429: 1 }, retryAfterSeconds: 2 });
    const res = await postChat(server, chatBody("test-strong", "limited"));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("2");
    expect((await res.json()).error.type).toBe("rate_limit_exceeded");
    server.configure({ retryAfterSeconds: 1 });
  });

  it("answers malformed JSON, or a broken SSE stream, with status 200", async () => {
    server.configure({ faults: { rateMalformed: 1 } });
    const plain = await postChat(server, chatBody("test-strong", "break it"));
    expect(plain.status).toBe(200);
    const text = await plain.text();
    expect(() => JSON.parse(text)).toThrow();

    const streamed = await postChat(server, chatBody("test-strong", "break it", { stream: true }));
    expect(streamed.status).toBe(200);
    const events = (await streamed.text())
      .split("\n\n")
      .filter(Boolean)
      .map((e) => e.replace(/^data: /, ""));
    expect(events).not.toContain("[DONE]");
    expect(() => events.forEach((e) => JSON.parse(e))).toThrow();
    expect(server.stats()).toMatchObject({ completions: 0, faults: { malformed: 2 }, byStatus: { 200: 2 } });
  });

  it("truncates an answer with finish_reason length", async () => {
    const body = chatBody("test-strong", "cut me short");
    const full = await contentOf(server, body);
    server.configure({ faults: { rateTruncated: 1 } });
    const cut = await complete(server, body);
    const content = cut.choices[0]?.message.content ?? "";
    expect(cut.choices[0]?.finish_reason).toBe("length");
    expect(content.length).toBeLessThan(full.length);
    expect(full.startsWith(content)).toBe(true);
    expect(cut.usage.completion_tokens).toBe(content.split(" ").length);

    const streamed = await (await postChat(server, { ...body, stream: true })).text();
    expect(streamed).toContain('"finish_reason":"length"');
    expect(streamed.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(server.stats().completions).toBe(1);
  });

  it("hangs on a timeout fault until the client gives up", async () => {
    server.configure({ faults: { rateTimeout: 1 } });
    const started = performance.now();
    const hung = postChat(server, chatBody("test-weak", "never answered"), { signal: AbortSignal.timeout(200) });
    await expect(hung).rejects.toThrow(/abort|timeout/i);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    await eventually(() => expect(server.stats().inFlight).toBe(0));
    expect(server.stats()).toMatchObject({ faults: { timeout: 1 }, byStatus: {} });
  });

  it("drops the connection after hangMs", async () => {
    server.configure({ faults: { rateTimeout: 1 }, hangMs: 50 });
    await expect(
      postChat(server, chatBody("test-weak", "dropped"), { signal: AbortSignal.timeout(5000) }),
    ).rejects.toThrow(/fetch failed/);
    await eventually(() => expect(server.stats().inFlight).toBe(0));
  });

  it("closes promptly even while a request hangs", async () => {
    const own = await startModelServer({ faults: { rateTimeout: 1 } });
    const hung = postChat(own, chatBody("test-weak", "hangs"));
    await eventually(() => expect(own.stats().inFlight).toBe(1));
    await own.close();
    await expect(hung).rejects.toThrow();
  });
});
