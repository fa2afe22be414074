import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startModelServer } from "./server";
import { chatBody, complete } from "./test-client";
import type { ModelServer, ModelServerStats } from "./types";

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer({ apiKey: "sk-stats" });
});
afterAll(() => server.close());

const statsUrl = () => `http://127.0.0.1:${server.port}/stats`;

describe("live stats", () => {
  it("GET /stats answers the current snapshot, with the tokens served by both APIs, without a key", async () => {
    const chat = await fetch(`${server.baseUrl}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer sk-stats" },
      body: JSON.stringify(chatBody("test-strong", "count my tokens")),
    });
    const { usage } = (await chat.json()) as Awaited<ReturnType<typeof complete>>;
    const message = await fetch(`${server.baseUrl}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": "sk-stats" },
      body: JSON.stringify({ model: "test-weak", max_tokens: 100, messages: [{ role: "user", content: "and mine" }] }),
    });
    const anthropic = ((await message.json()) as { usage: { input_tokens: number; output_tokens: number } }).usage;

    const res = await fetch(statsUrl());
    expect(res.status).toBe(200);
    const live = (await res.json()) as ModelServerStats;
    expect(live.tokens).toEqual({
      prompt: usage.prompt_tokens + anthropic.input_tokens,
      completion: usage.completion_tokens + anthropic.output_tokens,
    });
    expect(live.tokens.completion).toBeGreaterThan(0);
    expect(live).toMatchObject({ completions: 2, byModel: { "test-strong": 1, "test-weak": 1 }, byStatus: { 200: 2 } });
    // The stats request counts among the requests; its own 200 is sent after the snapshot.
    expect(live.requests).toBe(3);
    expect(server.stats()).toEqual({ ...live, byStatus: { 200: 3 } });

    server.resetStats();
    expect(((await (await fetch(statsUrl())).json()) as ModelServerStats).tokens).toEqual({ prompt: 0, completion: 0 });
  });
});
