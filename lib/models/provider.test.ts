import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startModelServer, type ModelServer } from "@/lib/testing/model-server";
import { callModel } from "./call";
import { languageModelFor } from "./provider";
import type { ModelEndpointConfig } from "./types";

const API_KEY = "sk-loopback-2c9e61d04a7b";
let server: ModelServer;
const ask = [{ role: "user" as const, content: "Name a colour." }];

beforeAll(async () => {
  server = await startModelServer({ apiKey: API_KEY });
});
afterAll(() => server.close());

describe("languageModelFor", () => {
  it("builds one model per endpoint object, and a new one for an edited copy", async () => {
    const endpoint: ModelEndpointConfig = {
      provider: "OPENAI_COMPATIBLE",
      baseUrl: server.baseUrl,
      modelId: "test-strong",
      apiKey: API_KEY,
    };
    expect(languageModelFor(endpoint)).toBe(languageModelFor(endpoint));
    await expect(callModel({ endpoint, messages: ask })).resolves.toMatchObject({ finishReason: "stop" });

    // An edit reaches workers as a new object: its key is the one sent, not the first object's.
    const edited = { ...endpoint, apiKey: "sk-revoked-key" };
    expect(languageModelFor(edited)).not.toBe(languageModelFor(endpoint));
    await expect(callModel({ endpoint: edited, messages: ask })).rejects.toMatchObject({ info: { kind: "auth" } });
    await expect(callModel({ endpoint, messages: ask })).resolves.toMatchObject({ finishReason: "stop" });
  });
});
