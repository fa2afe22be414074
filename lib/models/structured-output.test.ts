import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildJudgePrompt } from "@/lib/judging/prompt";
import { parseVerdict } from "@/lib/judging/parse";
import { judgeVerdictSchema } from "@/lib/judging/schemas";
import { startModelServer, type ModelServer, type ParsedChatRequest } from "@/lib/testing/model-server";
import { callModel, type StructuredRequest } from "./call";
import { classifyModelError, ModelCallError } from "./errors";
import { rejectsOutputMode } from "./output-mode";
import type { ModelEndpointConfig } from "./types";

let server: ModelServer;
let seen: ParsedChatRequest[] = [];

beforeAll(async () => {
  server = await startModelServer({ models: ["test-judge"], onRequest: (r) => void seen.push(r) });
});
afterAll(() => server.close());
beforeEach(() => {
  seen = [];
  server.configure({ structured: "full", apiKey: undefined });
});

const compatible = (): ModelEndpointConfig => ({
  provider: "OPENAI_COMPATIBLE",
  baseUrl: server.baseUrl,
  modelId: "test-judge",
});
const verdictIn = (mode: StructuredRequest["mode"]): StructuredRequest => ({
  mode,
  schema: judgeVerdictSchema,
  name: "verdict",
});
const judgeMessages = (i: number) =>
  buildJudgePrompt({
    instruction: `Question ${i}`,
    system: null,
    first: `A short answer ${i}.`,
    second: `A much longer answer to question ${i}, with more detail, more steps and an example.`,
    rubric: "Prefer the more helpful answer.",
  });
const ask = (endpoint: ModelEndpointConfig, structured?: StructuredRequest, i = 0) =>
  callModel({ endpoint, messages: judgeMessages(i), overrides: { temperature: 0 }, structured });

describe("structured output against each kind of server", () => {
  it("full: JSON schema sends json_schema, JSON mode json_object, and both replies are verdicts", async () => {
    const schema = await ask(compatible(), verdictIn("JSON_SCHEMA"));
    expect(parseVerdict(schema.text)).toMatchObject({ ok: true, verdict: { winner: "B" } });
    expect(seen[0]!.response_format).toMatchObject({
      type: "json_schema",
      json_schema: { name: "verdict", schema: { type: "object" } },
    });
    const json = await ask(compatible(), verdictIn("JSON_MODE"));
    expect(parseVerdict(json.text).ok).toBe(true);
    expect(seen[1]!.response_format).toEqual({ type: "json_object" });
  });

  it("OpenAI's own provider sends the same json_schema and json_object", async () => {
    const openai: ModelEndpointConfig = {
      provider: "OPENAI",
      baseUrl: server.baseUrl,
      modelId: "test-judge",
      apiKey: "sk-openai-fixture-0000",
    };
    expect(parseVerdict((await ask(openai, verdictIn("JSON_SCHEMA"))).text).ok).toBe(true);
    expect(seen[0]!.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "verdict" } });
    expect(parseVerdict((await ask(openai, verdictIn("JSON_MODE"))).text).ok).toBe(true);
    expect(seen[1]!.response_format).toEqual({ type: "json_object" });
  });

  it("json-mode: json_schema is refused with a 400 the fallback recognises, json_object works", async () => {
    server.configure({ structured: "json-mode" });
    const err = await ask(compatible(), verdictIn("JSON_SCHEMA")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelCallError);
    const info = classifyModelError(err);
    expect(info).toMatchObject({ kind: "bad_request", status: 400 });
    expect(rejectsOutputMode(info)).toBe(true);
    expect(parseVerdict((await ask(compatible(), verdictIn("JSON_MODE"))).text).ok).toBe(true);
  });

  it("none: any response_format gets prose; asked in words, mostly JSON, sometimes prose, and a repair gets JSON", async () => {
    server.configure({ structured: "none" });
    for (const mode of ["JSON_SCHEMA", "JSON_MODE"] as const) {
      const reply = await ask(compatible(), verdictIn(mode));
      expect(reply.text).toMatch(/^Regarding/);
      expect(parseVerdict(reply.text).ok).toBe(false);
    }
    const plain = await Promise.all(Array.from({ length: 30 }, (_, i) => ask(compatible(), undefined, i)));
    const ok = plain.filter((r) => parseVerdict(r.text).ok).length;
    expect(ok).toBeGreaterThan(15);
    expect(ok).toBeLessThan(30);
    const prose = plain.find((r) => !parseVerdict(r.text).ok)!;
    const i = plain.indexOf(prose);
    const repair = await callModel({
      endpoint: compatible(),
      messages: [
        ...judgeMessages(i),
        { role: "assistant", content: prose.text },
        { role: "user", content: "Reply again with only the JSON object." },
      ],
    });
    expect(parseVerdict(repair.text).ok).toBe(true);
  });

  it("Anthropic: JSON schema becomes a forced tool and the tool's input comes back as the reply", async () => {
    server.configure({ apiKey: "sk-ant-fixture-1234" });
    const anthropic: ModelEndpointConfig = {
      provider: "ANTHROPIC",
      baseUrl: server.baseUrl,
      modelId: "test-judge",
      apiKey: "sk-ant-fixture-1234",
      maxTokens: 500,
    };
    const reply = await ask(anthropic, verdictIn("JSON_SCHEMA"));
    expect(parseVerdict(reply.text)).toMatchObject({ ok: true, verdict: { winner: "B" } });
    expect(reply.inputTokens).toBeGreaterThan(0);
    expect(seen[0]).toMatchObject({ api: "messages", credential: "sk-ant-fixture-1234" });
    expect(seen[0]!.raw.tools).toHaveLength(1);
    const plain = await ask(anthropic, undefined, 1);
    expect(seen[1]!.raw.tools).toBeUndefined();
    expect(plain.text.length).toBeGreaterThan(0);
  });
});

describe("no endpoint falls back to a key in the server's environment", () => {
  const saved = process.env.ANTHROPIC_API_KEY;
  afterEach(() => {
    if (saved === undefined) delete process.env.ANTHROPIC_API_KEY;
    else process.env.ANTHROPIC_API_KEY = saved;
  });

  it("an Anthropic endpoint without a key sends none, though ANTHROPIC_API_KEY is set", async () => {
    const fromEnv = "sk-ant-from-environment-0000";
    process.env.ANTHROPIC_API_KEY = fromEnv;
    const keyless: ModelEndpointConfig = {
      provider: "ANTHROPIC",
      baseUrl: server.baseUrl,
      modelId: "test-judge",
      apiKey: null,
      maxTokens: 100,
    };
    const err = await ask(keyless).catch((e: unknown) => e);
    expect(classifyModelError(err)).toMatchObject({ kind: "auth", status: 401 });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.credential ?? "").toBe("");
    expect(JSON.stringify(seen[0])).not.toContain(fromEnv);
  });
});
