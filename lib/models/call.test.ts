import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { jsonSchema } from "ai";
import { freePort } from "@/lib/runtime/ports";
import { startModelServer, type ModelServer, type ParsedChatRequest } from "@/lib/testing/model-server";
import { callModel } from "./call";
import { classifyModelError, ModelCallError, type ModelErrorInfo } from "./errors";
import type { ModelEndpointConfig } from "./types";

const API_KEY = "sk-loopback-7f3a9c1e5b2d4680";
let server: ModelServer;
let seen: ParsedChatRequest[] = [];

const endpoint = (patch: Partial<ModelEndpointConfig> = {}): ModelEndpointConfig => ({
  provider: "OPENAI_COMPATIBLE",
  baseUrl: server.baseUrl,
  modelId: "test-strong",
  apiKey: API_KEY,
  ...patch,
});
const ask = [{ role: "user" as const, content: "Explain why the sky is blue in two sentences." }];

async function failure(promise: Promise<unknown>): Promise<ModelErrorInfo> {
  const err = await promise.then(
    () => expect.unreachable("the call should fail"),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ModelCallError);
  const info = classifyModelError(err);
  expect(info.message).not.toContain(API_KEY);
  return info;
}

beforeAll(async () => {
  server = await startModelServer({ apiKey: API_KEY, retryAfterSeconds: 7, respond: (r) => void seen.push(r) });
});
afterAll(() => server.close());
beforeEach(() => {
  seen = [];
  server.configure({ faults: undefined });
});

describe("callModel against an OpenAI-compatible server", () => {
  it("returns text, token counts, finish reason, latency, and the parameters it sent", async () => {
    const result = await callModel({
      endpoint: endpoint({ temperature: 0.3, maxTokens: 500, seed: 9 }),
      messages: [{ role: "system", content: "Be brief." }, ...ask],
      overrides: { temperature: 0.9, topP: 0.5 },
    });
    expect(result.text).toContain("sky is blue");
    expect(result.finishReason).toBe("stop");
    expect(result.inputTokens).toBeGreaterThan(0);
    expect(result.outputTokens).toBe(result.text.split(/\s+/).filter(Boolean).length);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.model).toBe("test-strong");
    expect(result.params).toEqual({
      provider: "OPENAI_COMPATIBLE",
      model: "test-strong",
      temperature: 0.9,
      topP: 0.5,
      maxTokens: 500,
      seed: 9,
    });
    expect(seen[0]).toMatchObject({ temperature: 0.9, top_p: 0.5, max_tokens: 500, seed: 9 });
    expect(seen[0]!.messages.map((m) => m.role)).toEqual(["system", "user"]);
  });

  it("says a warning that holds for every call to a model once, not on each call", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      // A model id the Anthropic provider does not know, without max tokens: it caps the length.
      const unknown = endpoint({ provider: "ANTHROPIC", modelId: "test-weak" });
      for (let i = 0; i < 3; i++) await callModel({ endpoint: unknown, messages: ask });
      const said = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes("maxOutputTokens"));
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(
        /^\[models\] anthropic\.messages \/ test-weak: used in a compatibility mode: maxOutputTokens\. /,
      );
    } finally {
      warn.mockRestore();
    }
  });

  it("reports finish reason length when maxTokens cuts the answer", async () => {
    const result = await callModel({ endpoint: endpoint(), messages: ask, overrides: { maxTokens: 5 } });
    expect(result.finishReason).toBe("length");
    expect(result.outputTokens).toBe(5);
  });

  it("classifies a 429 as rate limited, with the server's Retry-After", async () => {
    server.configure({ faults: { rate429: 1 } });
    const info = await failure(callModel({ endpoint: endpoint(), messages: ask }));
    expect(info).toMatchObject({ kind: "rate_limited", retryable: true, status: 429, retryAfterMs: 7000 });
    expect(info.message).toMatch(/^429 Too Many Requests: Rate limit reached/);
  });

  it("classifies a 500 as a retryable server error", async () => {
    server.configure({ faults: { rate500: 1 } });
    const info = await failure(callModel({ endpoint: endpoint(), messages: ask }));
    expect(info).toMatchObject({ kind: "server", retryable: true, status: 500 });
    expect(info.message).toMatch(/^500 Internal Server Error: The server had an error/);
  });

  it("classifies an unknown model as model_not_found, which retrying cannot fix", async () => {
    const info = await failure(callModel({ endpoint: endpoint({ modelId: "no-such-model" }), messages: ask }));
    expect(info).toMatchObject({ kind: "model_not_found", retryable: false, status: 404 });
    expect(info.message).toBe(
      "404 Not Found: The model 'no-such-model' does not exist or you do not have access to it.",
    );
  });

  it("classifies a wrong key as auth, which retrying cannot fix, without echoing any key", async () => {
    const wrong = "sk-wrong-key-0000111122223333";
    const info = await failure(callModel({ endpoint: endpoint({ apiKey: wrong }), messages: ask }));
    expect(info).toMatchObject({ kind: "auth", retryable: false, status: 401 });
    expect(info.message).toBe("401 Unauthorized: Incorrect API key provided to the test model server.");
    expect(info.message).not.toContain(wrong);
  });

  it("gives up after timeoutMs and calls it a retryable timeout", async () => {
    server.configure({ faults: { rateTimeout: 1 } });
    // The server never answers: without the timeout this call would outlast the test's own.
    const info = await failure(callModel({ endpoint: endpoint(), messages: ask, timeoutMs: 300 }));
    expect(info).toMatchObject({ kind: "timeout", retryable: true, message: "No answer within 300 ms" });
  });

  it("calls a half-written body malformed, and retryable", async () => {
    server.configure({ faults: { rateMalformed: 1 } });
    const info = await failure(callModel({ endpoint: endpoint(), messages: ask }));
    expect(info).toMatchObject({ kind: "malformed", retryable: true });
  });

  it("calls a refused connection a retryable network error", async () => {
    const closed = `http://127.0.0.1:${await freePort()}/v1`;
    const info = await failure(callModel({ endpoint: endpoint({ baseUrl: closed }), messages: ask }));
    expect(info).toMatchObject({ kind: "network", retryable: true });
    expect(info.message).toMatch(/ECONNREFUSED/);
  });

  it("treats the caller's own abort as no timeout and not retryable", async () => {
    server.configure({ faults: { rateTimeout: 1 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const info = await failure(
      callModel({ endpoint: endpoint(), messages: ask, signal: controller.signal, timeoutMs: 10_000 }),
    );
    expect(info).toMatchObject({ kind: "unknown", retryable: false, message: "The call was cancelled" });
  });
});

describe("callModel against Anthropic's Messages API under faults", () => {
  const anthropic = () => endpoint({ provider: "ANTHROPIC", modelId: "test-judge", maxTokens: 300 });
  const verdictSchema = {
    mode: "JSON_SCHEMA" as const,
    name: "verdict",
    schema: jsonSchema({
      type: "object",
      properties: { winner: { type: "string" }, score: { type: "integer" } },
      required: ["winner", "score"],
    }),
  };
  beforeAll(() => server.configure({ models: ["test-strong", "test-judge"] }));

  it("classifies Anthropic's 429 as rate limited with its retry-after, and its 529 and 500 as retryable", async () => {
    server.configure({ faults: { rate429: 1 } });
    expect(await failure(callModel({ endpoint: anthropic(), messages: ask }))).toMatchObject({
      kind: "rate_limited",
      retryable: true,
      status: 429,
      retryAfterMs: 7000,
    });
    server.configure({ faults: { rate429: 0, rate500: 1 } });
    const statuses = new Set<number | undefined>();
    for (let i = 0; i < 8; i++) {
      const info = await failure(callModel({ endpoint: anthropic(), messages: [{ role: "user", content: `x ${i}` }] }));
      expect(info).toMatchObject({ kind: "server", retryable: true });
      statuses.add(info.status);
    }
    expect([...statuses].sort()).toEqual([500, 529]);
  });

  it("reports a reply cut at max_tokens as finish reason length, with text or with a forced tool", async () => {
    server.configure({ faults: { rateTruncated: 1 } });
    const plain = await callModel({ endpoint: anthropic(), messages: ask });
    expect(plain).toMatchObject({ finishReason: "length" });
    expect(plain.text.length).toBeGreaterThan(0);
    const tool = await callModel({ endpoint: anthropic(), messages: ask, structured: verdictSchema });
    expect(tool.finishReason).toBe("length");
    expect(() => JSON.parse(tool.text)).toThrow();
  });

  it("calls a half-written body malformed, and retryable", async () => {
    server.configure({ faults: { rateMalformed: 1 } });
    const info = await failure(callModel({ endpoint: anthropic(), messages: ask, structured: verdictSchema }));
    expect(info).toMatchObject({ kind: "malformed", retryable: true });
  });
});
