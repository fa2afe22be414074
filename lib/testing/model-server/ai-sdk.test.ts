import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { generateObject, generateText, Output, streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startModelServer } from "./server";
import type { ModelServer, ParsedChatRequest } from "./types";

const API_KEY = "fixture-key";
let server: ModelServer;
let provider: ReturnType<typeof createOpenAICompatible>;
const seen: ParsedChatRequest[] = [];

beforeAll(async () => {
  server = await startModelServer({
    apiKey: API_KEY,
    respond: (request) => {
      seen.push(request);
      return undefined;
    },
  });
  provider = createOpenAICompatible({
    name: "test",
    baseURL: server.baseUrl,
    apiKey: API_KEY,
    includeUsage: true,
    supportsStructuredOutputs: true,
  });
});

afterAll(() => server.close());

const PROMPT = "Compare two ways of caching HTTP responses in a small web app.";

describe("through the AI SDK", () => {
  it("generates plain text that echoes the prompt, with usage", async () => {
    const result = await generateText({ model: provider("test-strong"), prompt: PROMPT });
    expect(result.text).toContain("Compare two ways of caching HTTP responses");
    expect(result.finishReason).toBe("stop");
    const words = result.text.split(/\s+/).filter(Boolean).length;
    expect(result.usage.outputTokens).toBe(words);
    expect(result.usage.inputTokens).toBe(Math.ceil(PROMPT.length / 4));
    expect(result.usage.totalTokens).toBe(words + Math.ceil(PROMPT.length / 4));
  });

  it("streams the same text it returns without streaming, and reports usage", async () => {
    const settings = { model: provider("test-weak"), prompt: PROMPT, temperature: 0.7, seed: 3 };
    const plain = await generateText(settings);
    const stream = streamText(settings);
    const parts: string[] = [];
    for await (const delta of stream.textStream) parts.push(delta);
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.join("")).toBe(plain.text);
    expect(await stream.finishReason).toBe("stop");
    expect((await stream.usage).outputTokens).toBe(plain.usage.outputTokens);
    expect(seen.at(-1)).toMatchObject({ stream: true, include_usage: true, temperature: 0.7, seed: 3 });
  });

  it("stops at maxOutputTokens with finish reason length", async () => {
    const full = await generateText({ model: provider("test-strong"), prompt: PROMPT });
    const capped = await generateText({ model: provider("test-strong"), prompt: PROMPT, maxOutputTokens: 6 });
    expect(capped.finishReason).toBe("length");
    expect(capped.usage.outputTokens).toBe(6);
    expect(capped.text.split(" ")).toHaveLength(6);
    expect(full.text.startsWith(capped.text)).toBe(true);

    const streamed = streamText({ model: provider("test-strong"), prompt: PROMPT, maxOutputTokens: 6 });
    expect(await streamed.text).toBe(capped.text);
    expect(await streamed.finishReason).toBe("length");
  });

  it("returns structured output that parses against a zod schema", async () => {
    const schema = z.object({
      verdict: z.enum(["a", "b", "tie"]),
      confidence: z.number().min(0).max(1),
      reasons: z.array(z.object({ point: z.string().min(10), weight: z.number().int().min(1).max(5) })).min(2),
      notes: z.string().nullable(),
    });
    const { output } = await generateText({
      model: provider("test-strong"),
      prompt: PROMPT,
      output: Output.object({ schema }),
    });
    expect(schema.parse(output)).toEqual(output);
    expect(output.reasons.length).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)?.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "response" } });

    const { object } = await generateObject({ model: provider("test-weak"), prompt: PROMPT, schema });
    expect(schema.safeParse(object).success).toBe(true);
  });

  it("honours the respond hook", async () => {
    server.configure({ respond: (r) => (r.model === "test-weak" ? "B is better." : undefined) });
    try {
      expect((await generateText({ model: provider("test-weak"), prompt: PROMPT })).text).toBe("B is better.");
      expect((await generateText({ model: provider("test-strong"), prompt: PROMPT })).text).toContain("Regarding");
    } finally {
      server.configure({ respond: undefined });
    }
  });

  it("retries injected 429s and never asks again after a success", async () => {
    server.configure({ faults: { rate429: 0.5 }, retryAfterSeconds: 0, seed: 11 });
    server.resetStats();
    try {
      const prompts = Array.from({ length: 20 }, (_, i) => `Question number ${i} about retries`);
      const texts = await Promise.all(
        prompts.map((prompt) =>
          generateText({ model: provider("test-weak"), prompt, maxRetries: 20 }).then((r) => r.text),
        ),
      );
      texts.forEach((text, i) => expect(text).toContain(`Question number ${i} `));
      const stats = server.stats();
      expect(stats.byStatus[429]).toBeGreaterThan(0);
      expect(stats.completions).toBe(20);
      expect(stats.duplicateSuccesses).toBe(0);
    } finally {
      server.configure({ faults: undefined, retryAfterSeconds: 1 });
    }
  });

  it("surfaces a wrong API key as an error", async () => {
    const wrong = createOpenAICompatible({ name: "test", baseURL: server.baseUrl, apiKey: "nope" });
    await expect(generateText({ model: wrong("test-strong"), prompt: PROMPT, maxRetries: 0 })).rejects.toThrow(
      /API key/,
    );
  });
});
