import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startModelServer, type ModelServer, type StructuredSupport } from "@/lib/testing/model-server";
import { createEndpoint, listEndpoints, updateEndpoint } from "./endpoints";
import { testEndpoint } from "./test-endpoint";

let server: ModelServer;
let formats: string[] = [];

beforeAll(async () => {
  server = await startModelServer({
    models: ["test-strong"],
    onRequest: (r) => void formats.push(r.response_format?.type ?? "none"),
  });
});
afterAll(() => server.close());
beforeEach(() => {
  formats = [];
  server.configure({ structured: "full", apiKey: undefined });
});

const compatible = (name: string) =>
  createEndpoint({ name, provider: "OPENAI_COMPATIBLE", baseUrl: server.baseUrl, modelId: "test-strong" });
const stored = (id: string) => db.modelEndpoint.findUniqueOrThrow({ where: { id } });

describe("the endpoint's Test detects its structured output", () => {
  const cases: [StructuredSupport, string, string[]][] = [
    ["full", "JSON_SCHEMA", ["json_schema"]],
    ["json-mode", "JSON_MODE", ["json_schema", "json_object"]],
    ["none", "PROMPT_ONLY", ["json_schema", "json_object", "none"]],
  ];
  for (const [structured, mode, tried] of cases) {
    it(`${structured} server: ${mode}, stored with its time and shown in the list`, async () => {
      server.configure({ structured });
      const endpoint = await compatible(`probe ${structured}`);
      const before = new Date();
      const result = await testEndpoint(endpoint.id);
      expect(result).toMatchObject({ ok: true, outputMode: mode, model: "test-strong" });
      expect(formats).toEqual(tried);
      const row = await stored(endpoint.id);
      expect(row.detectedOutputMode).toBe(mode);
      expect(row.outputModeDetectedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      expect((await listEndpoints()).find((e) => e.id === endpoint.id)).toMatchObject({
        structuredOutput: "AUTO",
        detectedOutputMode: mode,
      });
    });
  }

  it("Anthropic: JSON schema through a forced tool", async () => {
    server.configure({ apiKey: "sk-ant-probe-0987654321" });
    const endpoint = await createEndpoint({
      name: "probe anthropic",
      provider: "ANTHROPIC",
      baseUrl: server.baseUrl,
      modelId: "test-strong",
      apiKey: "sk-ant-probe-0987654321",
    });
    expect(await testEndpoint(endpoint.id)).toMatchObject({ ok: true, outputMode: "JSON_SCHEMA" });
    expect((await stored(endpoint.id)).detectedOutputMode).toBe("JSON_SCHEMA");
  });

  it("stores nothing when the call itself fails, and forgets the mode when the connection or setting changes", async () => {
    const endpoint = await compatible("probe changes");
    await testEndpoint(endpoint.id);
    expect((await stored(endpoint.id)).detectedOutputMode).toBe("JSON_SCHEMA");
    await updateEndpoint(endpoint.id, { concurrencyLimit: 3, structuredOutput: "AUTO" });
    expect((await stored(endpoint.id)).detectedOutputMode).toBe("JSON_SCHEMA");
    await updateEndpoint(endpoint.id, { structuredOutput: "JSON_MODE" });
    expect(await stored(endpoint.id)).toMatchObject({
      structuredOutput: "JSON_MODE",
      detectedOutputMode: null,
      outputModeDetectedAt: null,
    });

    await updateEndpoint(endpoint.id, { modelId: "no-such-model" });
    expect(await testEndpoint(endpoint.id)).toMatchObject({ ok: false, error: { kind: "model_not_found" } });
    expect((await stored(endpoint.id)).detectedOutputMode).toBeNull();
  });

  it("keeps the last result with its time, without the reply, until the connection changes", async () => {
    const endpoint = await compatible("probe kept");
    const before = Date.now();
    await testEndpoint(endpoint.id);
    const listed = async () => (await listEndpoints()).find((e) => e.id === endpoint.id)!.lastTest;
    const ok = await listed();
    expect(ok).toMatchObject({ ok: true, model: "test-strong", outputMode: "JSON_SCHEMA" });
    expect(ok).not.toHaveProperty("text");
    expect(Date.parse(ok!.at)).toBeGreaterThanOrEqual(before - 1000);

    await updateEndpoint(endpoint.id, { concurrencyLimit: 2 });
    expect(await listed()).toMatchObject({ ok: true });
    await updateEndpoint(endpoint.id, { modelId: "no-such-model" });
    expect(await listed()).toBeNull();
    await testEndpoint(endpoint.id);
    expect(await listed()).toMatchObject({ ok: false, error: { kind: "model_not_found" } });
    await updateEndpoint(endpoint.id, { apiKey: "sk-new-key-1234" });
    expect(await listed()).toBeNull();
  });

  it("refuses an unknown setting with the field named", async () => {
    await expect(
      createEndpoint({ name: "bad", provider: "OPENAI", modelId: "x", structuredOutput: "XML" as never }),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["structuredOutput"] })],
    });
  });
});

describe("a Test whose endpoint is edited while it runs", () => {
  it("stores its result for no other connection than the one it tried", async () => {
    const endpoint = await compatible("edited meanwhile");
    server.configure({ latencyMs: 300 });
    try {
      const running = testEndpoint(endpoint.id);
      await new Promise((r) => setTimeout(r, 100));
      await updateEndpoint(endpoint.id, { baseUrl: "http://127.0.0.1:9/v1" });
      expect(await running).toMatchObject({ ok: true, outputMode: "JSON_SCHEMA" });
    } finally {
      server.configure({ latencyMs: 0 });
    }
    // The new address was never tried: nothing says it works.
    expect(await stored(endpoint.id)).toMatchObject({
      baseUrl: "http://127.0.0.1:9/v1",
      lastTest: null,
      lastTestAt: null,
      detectedOutputMode: null,
    });
    // Unedited, a Test's result is stored as before.
    await updateEndpoint(endpoint.id, { baseUrl: server.baseUrl });
    await testEndpoint(endpoint.id);
    expect(await stored(endpoint.id)).toMatchObject({ detectedOutputMode: "JSON_SCHEMA", lastTest: { ok: true } });
  });
});

describe("the endpoint's Test shows the reply", () => {
  it("as a short sample with the key and anything shaped like a key redacted", async () => {
    // A service answering in OpenAI's shape with what it was sent: the key, and a long page.
    const echo = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const content = `auth=${req.headers.authorization} other=sk-proj-abcdefgh12345678 ${"x".repeat(50_000)}`;
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({
            id: "c1",
            object: "chat.completion",
            created: 0,
            model: "echo",
            choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
          }),
        );
      });
    });
    await new Promise<void>((r) => echo.listen(0, "127.0.0.1", r));
    try {
      const { port } = echo.address() as { port: number };
      const endpoint = await createEndpoint({
        name: "echo",
        provider: "OPENAI_COMPATIBLE",
        baseUrl: `http://127.0.0.1:${port}/v1`,
        modelId: "echo",
        apiKey: "key-entered-by-admin-42",
      });
      const result = await testEndpoint(endpoint.id);
      expect(result.ok).toBe(true);
      const text = result.ok ? result.text : "";
      expect(text).toMatch(/^auth=Bearer \[redacted\] other=sk-\[redacted\] x+…$/);
      expect(text.length).toBeLessThanOrEqual(300);
    } finally {
      echo.close();
    }
  });
});
