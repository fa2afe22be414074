import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startModelServer } from "./server";
import { chatBody, complete, contentOf, postChat } from "./test-client";
import type { ModelServer } from "./types";

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer();
});
beforeEach(() => {
  server.configure({ apiKey: undefined, respond: undefined });
  server.resetStats();
});
afterAll(() => server.close());

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe("endpoints and errors", () => {
  it("lists the configured models as test fixtures on loopback", async () => {
    expect(server.baseUrl).toBe(`http://127.0.0.1:${server.port}/v1`);
    const res = await fetch(`${server.baseUrl}/models`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-model-server")).toBe("pairwise-test-fixture");
    expect(await res.json()).toEqual({
      object: "list",
      data: [
        { id: "test-strong", object: "model", created: 0, owned_by: "pairwise-test" },
        { id: "test-weak", object: "model", created: 0, owned_by: "pairwise-test" },
      ],
    });
  });

  it("answers 404 model_not_found for an unknown model", async () => {
    const res = await postChat(server, chatBody("gpt-4o", "hello"));
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error).toMatchObject({ type: "invalid_request_error", code: "model_not_found" });
    expect(body.error.message).toContain("gpt-4o");
  });

  it("answers 401 when the bearer key is missing or wrong", async () => {
    server.configure({ apiKey: "right" });
    const attempts: Array<Record<string, string>> = [{}, { authorization: "Bearer wrong" }, { authorization: "right" }];
    for (const headers of attempts) {
      const res = await postChat(server, chatBody("test-strong", "hi"), { headers });
      expect(res.status).toBe(401);
      expect((await res.json()).error).toMatchObject({ type: "invalid_request_error", code: "invalid_api_key" });
    }
    expect((await fetch(`${server.baseUrl}/models`)).status).toBe(401);
    const ok = await postChat(server, chatBody("test-strong", "hi"), { headers: { authorization: "Bearer right" } });
    expect(ok.status).toBe(200);
  });

  it("answers 400 for malformed JSON, a missing messages array and a bad max_tokens", async () => {
    const cases: Array<[unknown, boolean]> = [
      ['{"model": "test-strong", "messages": [', true],
      ["[1, 2]", true],
      [{ model: "test-strong" }, false],
      [{ model: "test-strong", messages: [] }, false],
      [{ model: "test-strong", messages: [{ content: "no role" }] }, false],
      [chatBody("test-strong", "hi", { max_tokens: 0 }), false],
    ];
    for (const [body, raw] of cases) {
      const res = await postChat(server, body, { raw });
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatchObject({ type: "invalid_request_error", message: expect.any(String) });
    }
    expect(server.stats().byStatus[400]).toBe(cases.length);
    expect(server.stats().completions).toBe(0);
  });

  it("answers 404 for unknown paths and 405 for wrong methods", async () => {
    expect((await fetch(`${server.baseUrl}/embeddings`, { method: "POST" })).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/chat/completions`)).status).toBe(405);
  });
});

describe("deterministic answers", () => {
  const prompt = "What makes a good code review comment?";

  it("gives the same text for the same request and another for a different one", async () => {
    const base = chatBody("test-strong", prompt, { temperature: 0.8, seed: 1 });
    const first = await contentOf(server, base);
    expect(await contentOf(server, { ...base })).toBe(first);
    // Key order does not make a different request.
    expect(await contentOf(server, { seed: 1, temperature: 0.8, messages: base.messages, model: "test-strong" })).toBe(
      first,
    );
    expect(
      await contentOf(server, chatBody("test-strong", `${prompt} Be brief.`, { temperature: 0.8, seed: 1 })),
    ).not.toBe(first);
    expect(await contentOf(server, { ...base, seed: 2 })).not.toBe(first);
    expect(await contentOf(server, { ...base, temperature: 0.2 })).not.toBe(first);
  });

  it("looks like an answer: echoes the last user message, then prose", async () => {
    const body = {
      model: "test-strong",
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", content: "First question" },
        { role: "assistant", content: "First answer" },
        { role: "user", content: [{ type: "text", text: "Why   is the   sky blue?" }] },
      ],
    };
    const text = await contentOf(server, body);
    expect(text).toMatch(/^Regarding "Why is the sky blue\?": [A-Z][a-z]+( [a-z]+)*\./);
    expect(text).not.toContain("First question");
  });

  it("makes weak answers noticeably shorter than strong ones", async () => {
    for (let i = 0; i < 10; i++) {
      const strong = await contentOf(server, chatBody("test-strong", `${prompt} #${i}`));
      const weak = await contentOf(server, chatBody("test-weak", `${prompt} #${i}`));
      expect(words(weak) * 2).toBeLessThan(words(strong));
    }
  });

  it("caps at max_tokens words with finish_reason length, and reports usage", async () => {
    const full = await complete(server, chatBody("test-strong", prompt));
    expect(full.choices[0]?.finish_reason).toBe("stop");
    const content = full.choices[0]?.message.content ?? "";
    expect(full.usage).toEqual({
      prompt_tokens: Math.ceil(prompt.length / 4),
      completion_tokens: words(content),
      total_tokens: Math.ceil(prompt.length / 4) + words(content),
    });

    const capped = await complete(server, chatBody("test-strong", prompt, { max_tokens: 7 }));
    expect(capped.choices[0]?.finish_reason).toBe("length");
    expect(capped.usage.completion_tokens).toBe(7);
    expect(content.startsWith(capped.choices[0]?.message.content ?? "-")).toBe(true);

    const roomy = await complete(server, chatBody("test-strong", prompt, { max_completion_tokens: 1000 }));
    expect(roomy.choices[0]).toMatchObject({ finish_reason: "stop", message: { content } });
  });

  it("returns a JSON object for response_format json_object", async () => {
    const text = await contentOf(server, chatBody("test-weak", prompt, { response_format: { type: "json_object" } }));
    const parsed = JSON.parse(text);
    expect(parsed).toBeTypeOf("object");
    expect(parsed.answer).toContain("code review");
  });

  it("lets the respond hook replace the content and see the parsed request", async () => {
    server.configure({
      respond: (r) =>
        r.messages.some((m) => m.role === "system") ? `{"winner":"a","max":${r.max_tokens}}` : undefined,
    });
    const messages = [
      { role: "system", content: "judge" },
      { role: "user", content: "A or B?" },
    ];
    const body = { model: "test-strong", max_tokens: 50, seed: 9, messages };
    const judged = await complete(server, body);
    expect(JSON.parse(judged.choices[0]?.message.content ?? "")).toEqual({ winner: "a", max: 50 });
    expect(judged.choices[0]?.finish_reason).toBe("stop");
    expect(await contentOf(server, chatBody("test-strong", "A or B?"))).toMatch(/^Regarding/);

    server.configure({
      respond: () => {
        throw new Error("script ran out");
      },
    });
    const res = await postChat(server, body);
    expect(res.status).toBe(500);
    expect((await res.json()).error.message).toContain("script ran out");
  });

  it("counts repeated successes of an identical body as duplicates", async () => {
    const body = chatBody("test-weak", "same thing twice");
    await complete(server, body);
    await complete(server, chatBody("test-weak", "something else"));
    expect(server.stats().duplicateSuccesses).toBe(0);
    await complete(server, body);
    expect(server.stats()).toMatchObject({
      completions: 3,
      duplicateSuccesses: 1,
      byModel: { "test-weak": 3 },
      byStatus: { 200: 3 },
    });
  });
});
