import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startModelServer } from "./server";
import { eventually } from "./test-client";
import type { ModelServer } from "./types";

// Anthropic's Messages route under the same limits and faults as the chat route, answered in
// Anthropic's own shapes (what @ai-sdk/anthropic parses and retries on).
let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer({ seed: 7 });
});
beforeEach(() => {
  server.configure({
    faults: undefined,
    maxConcurrency: undefined,
    requestsPerMinute: undefined,
    latencyMs: 0,
    retryAfterSeconds: 1,
  });
  server.resetStats();
});
afterAll(() => server.close());

const VERDICT_TOOL = {
  name: "json",
  input_schema: {
    type: "object",
    properties: { answer: { type: "string" }, count: { type: "integer" } },
    required: ["answer", "count"],
  },
};

function messagesBody(prompt: string, extra: Record<string, unknown> = {}) {
  return { model: "test-strong", max_tokens: 200, messages: [{ role: "user", content: prompt }], ...extra };
}

function postMessages(body: unknown): Promise<Response> {
  return fetch(`${server.baseUrl}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": "k" },
    body: JSON.stringify(body),
  });
}

interface Message {
  content: { type: string; text?: string; input?: unknown }[];
  stop_reason: string;
  usage: { input_tokens: number; output_tokens: number };
}

describe("Messages route faults", () => {
  it("an injected 429 is Anthropic's rate_limit_error with retry-after", async () => {
    server.configure({ faults: { rate429: 1 }, retryAfterSeconds: 3 });
    const res = await postMessages(messagesBody("hello"));
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(await res.json()).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
    expect(server.stats().faults["429"]).toBe(1);
  });

  it("an injected server error is a 500 api_error or a 529 overloaded_error", async () => {
    server.configure({ faults: { rate500: 1 } });
    const seen = new Map<number, string>();
    for (let i = 0; i < 16; i++) {
      const res = await postMessages(messagesBody(`server error ${i}`));
      const body = (await res.json()) as { type: string; error: { type: string } };
      expect(body.type).toBe("error");
      seen.set(res.status, body.error.type);
    }
    expect(Object.fromEntries(seen)).toEqual({ 500: "api_error", 529: "overloaded_error" });
  });

  it("a truncated reply stops at max_tokens with half the text; a forced tool's input comes back cut, as text", async () => {
    const whole = (await (await postMessages(messagesBody("tell me a story"))).json()) as Message;
    server.configure({ faults: { rateTruncated: 1 } });
    const cut = (await (await postMessages(messagesBody("tell me a story"))).json()) as Message;
    expect(cut.stop_reason).toBe("max_tokens");
    expect(whole.content[0]!.text!.startsWith(cut.content[0]!.text!)).toBe(true);
    expect(cut.content[0]!.text!.length).toBeLessThan(whole.content[0]!.text!.length);

    const tool = messagesBody("fill the form", { tools: [VERDICT_TOOL], tool_choice: { type: "tool", name: "json" } });
    const reply = (await (await postMessages(tool)).json()) as Message;
    expect(reply.stop_reason).toBe("max_tokens");
    expect(reply.content).toEqual([{ type: "text", text: expect.stringMatching(/^\{/) }]);
    expect(() => JSON.parse(reply.content[0]!.text!)).toThrow();
  });

  it("a malformed reply is a 200 whose body is not JSON", async () => {
    server.configure({ faults: { rateMalformed: 1 } });
    const tool = messagesBody("fill the form", { tools: [VERDICT_TOOL], tool_choice: { type: "tool", name: "json" } });
    const res = await postMessages(tool);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^\{"id":"msg_fixture_/);
    expect(() => JSON.parse(text)).toThrow();
  });

  it("a timeout fault holds the request, then drops the socket", async () => {
    server.configure({ faults: { rateTimeout: 1 }, hangMs: 20 });
    await expect(postMessages(messagesBody("hang"))).rejects.toThrow();
    expect(server.stats().faults.timeout).toBe(1);
  });
});

describe("Messages route limits", () => {
  it("refuses beyond the concurrency cap with a rate_limit_error and never runs more than the cap", async () => {
    server.configure({ maxConcurrency: 2, latencyMs: 150 });
    const responses = await Promise.all(Array.from({ length: 6 }, (_, i) => postMessages(messagesBody(`p ${i}`))));
    const refused = responses.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const res of refused) {
      expect(res.headers.get("retry-after")).toBe("1");
      expect(await res.json()).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
    }
    expect(server.stats().maxConcurrentSeen).toBe(2);
    await eventually(() => expect(server.stats().inFlight).toBe(0));
  });

  it("refuses beyond the requests per minute", async () => {
    server.configure({ requestsPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await postMessages(messagesBody(`rpm ${i}`))).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});
