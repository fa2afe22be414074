import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { withExpected } from "@/lib/projects/expected";
import { createTestUser } from "@/lib/testing/factories";
import { decryptSecret } from "./crypto";
import { KEY_FOR_NEW_SERVER } from "./schemas";
import {
  archiveEndpoint,
  createEndpoint,
  getEndpointForCall,
  listEndpoints,
  unarchiveEndpoint,
  updateEndpoint,
} from "./endpoints";

const KEY = "sk-endpoints-test-KEEPOUT-9f8e7d6c";
const compatible = {
  provider: "OPENAI_COMPATIBLE" as const,
  baseUrl: "http://127.0.0.1:8000/v1",
  modelId: "llama-3-8b",
};

const slots = async (endpointId: string) =>
  (await db.endpointSlot.findMany({ where: { endpointId }, orderBy: { slot: "asc" } })).map((s) => s.slot);
const storedRow = (id: string) =>
  db.modelEndpoint.findUniqueOrThrow({ where: { id }, omit: { apiKeyCiphertext: false } });

describe("model endpoints", () => {
  it("stores the key encrypted and shows only its last four characters", async () => {
    const endpoint = await createEndpoint({ name: "Local llama", ...compatible, apiKey: KEY, temperature: 0.7 });
    expect(endpoint).toMatchObject({
      name: "Local llama",
      apiKeyLast4: "••••7d6c",
      temperature: 0.7,
      topP: null,
      concurrencyLimit: 4,
    });
    expect(JSON.stringify(endpoint)).not.toContain(KEY);
    expect(Object.keys(endpoint)).not.toContain("apiKeyCiphertext");

    const row = await storedRow(endpoint.id);
    expect(row.apiKeyCiphertext).not.toContain(KEY);
    expect(decryptSecret(row.apiKeyCiphertext!)).toBe(KEY);

    const listed = await listEndpoints();
    expect(JSON.stringify(listed)).not.toContain(KEY);
    expect(listed.find((e) => e.id === endpoint.id)?.apiKeyLast4).toBe("••••7d6c");
  });

  it("hands the decrypted key only to getEndpointForCall", async () => {
    const endpoint = await createEndpoint({ name: "For workers", ...compatible, apiKey: KEY, maxTokens: 256, seed: 3 });
    const forCall = await getEndpointForCall(endpoint.id);
    expect(forCall).toMatchObject({
      id: endpoint.id,
      apiKey: KEY,
      provider: "OPENAI_COMPATIBLE",
      modelId: "llama-3-8b",
      maxTokens: 256,
      seed: 3,
    });
    const keyless = await createEndpoint({ name: "No key", ...compatible });
    expect(keyless.apiKeyLast4).toBeNull();
    expect((await getEndpointForCall(keyless.id)).apiKey).toBeNull();
    await expect(getEndpointForCall("missing")).rejects.toMatchObject({ code: "P2025" });
  });

  it("keeps the key when an update leaves it out, replaces it, and removes it on an empty string", async () => {
    const { id } = await createEndpoint({ name: "Rotating", ...compatible, apiKey: KEY });
    expect((await updateEndpoint(id, { modelId: "llama-3-70b" })).apiKeyLast4).toBe("••••7d6c");
    expect((await getEndpointForCall(id)).apiKey).toBe(KEY);

    expect((await updateEndpoint(id, { apiKey: "sk-second-key-000000wxyz" })).apiKeyLast4).toBe("••••wxyz");
    expect((await getEndpointForCall(id)).apiKey).toBe("sk-second-key-000000wxyz");

    expect((await updateEndpoint(id, { apiKey: "" })).apiKeyLast4).toBeNull();
    expect(await storedRow(id)).toMatchObject({ apiKeyCiphertext: null, apiKeyLast4: null });
  });

  it("sends a stored key to no other server: a new address or provider takes the key again", async () => {
    const { id } = await createEndpoint({ name: "Moving", ...compatible, apiKey: KEY });
    for (const move of [{ baseUrl: "http://127.0.0.1:9999/v1" }, { provider: "OPENAI" as const, baseUrl: null }]) {
      await expect(updateEndpoint(id, move)).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: ["apiKey"], message: KEY_FOR_NEW_SERVER })],
      });
      expect(await getEndpointForCall(id)).toMatchObject({ ...compatible, apiKey: KEY });
    }
    // The same address again is no move; a new one with its key, or without any key, is.
    expect((await updateEndpoint(id, { baseUrl: compatible.baseUrl, modelId: "m2" })).apiKeyLast4).toBe("••••7d6c");
    await updateEndpoint(id, { baseUrl: "http://127.0.0.1:9999/v1", apiKey: "sk-for-the-new-server-1234" });
    expect(await getEndpointForCall(id)).toMatchObject({
      baseUrl: "http://127.0.0.1:9999/v1",
      apiKey: "sk-for-the-new-server-1234",
    });
    await updateEndpoint(id, { baseUrl: "http://127.0.0.1:9998/v1", apiKey: "" });
    expect((await getEndpointForCall(id)).apiKey).toBeNull();
    // Without a stored key there is nothing to keep from the new server.
    expect((await updateEndpoint(id, { baseUrl: "http://127.0.0.1:9997/v1" })).baseUrl).toBe(
      "http://127.0.0.1:9997/v1",
    );
  });

  it("shows no characters of a key too short to hide", async () => {
    const endpoint = await createEndpoint({ name: "Short key", ...compatible, apiKey: "abc123" });
    expect(endpoint.apiKeyLast4).toBe("••••");
    expect((await getEndpointForCall(endpoint.id)).apiKey).toBe("abc123");
  });

  it("keeps one slot row per allowed concurrent call as the limit changes", async () => {
    const { id } = await createEndpoint({ name: "Slots", ...compatible, concurrencyLimit: 3 });
    expect(await slots(id)).toEqual([0, 1, 2]);
    await updateEndpoint(id, { concurrencyLimit: 5 });
    expect(await slots(id)).toEqual([0, 1, 2, 3, 4]);
    await updateEndpoint(id, { concurrencyLimit: 2 });
    expect(await slots(id)).toEqual([0, 1]);
  });

  it("archives and unarchives, listing archived endpoints last", async () => {
    const a = await createEndpoint({ name: "aaa archived", ...compatible });
    const b = await createEndpoint({ name: "zzz active", ...compatible });
    const archived = await archiveEndpoint(a.id);
    expect(archived.archivedAt).not.toBeNull();
    const names = (await listEndpoints()).map((e) => e.name);
    expect(names.indexOf(b.name)).toBeLessThan(names.indexOf(a.name));
    expect((await archiveEndpoint(a.id)).archivedAt).toBe(archived.archivedAt);
    expect((await unarchiveEndpoint(a.id)).archivedAt).toBeNull();
  });

  it("validates ranges and requires a base URL for OpenAI-compatible endpoints", async () => {
    const paths = async (promise: Promise<unknown>) =>
      await promise.then(
        () => [],
        (e: { issues?: { path: PropertyKey[] }[] }) => e.issues?.map((i) => i.path.join(".")) ?? [e],
      );
    expect(await paths(createEndpoint({ name: "No URL", provider: "OPENAI_COMPATIBLE", modelId: "m" }))).toEqual([
      "baseUrl",
    ]);
    expect(await paths(createEndpoint({ name: "FTP", ...compatible, baseUrl: "ftp://example.test" }))).toEqual([
      "baseUrl",
    ]);
    expect(
      await paths(
        createEndpoint({
          name: "Bad ranges",
          ...compatible,
          temperature: 2.5,
          topP: 1.1,
          maxTokens: 0,
          concurrencyLimit: 257,
          requestsPerMinute: 0,
          inputPricePerMTok: -1,
        }),
      ),
    ).toEqual(["temperature", "topP", "maxTokens", "concurrencyLimit", "requestsPerMinute", "inputPricePerMTok"]);
    // OpenAI and Anthropic have default URLs.
    expect((await createEndpoint({ name: "OpenAI", provider: "OPENAI", modelId: "gpt-4o-mini" })).baseUrl).toBeNull();

    const { id } = await createEndpoint({ name: "Keeps URL", ...compatible });
    expect(await paths(updateEndpoint(id, { baseUrl: "" }))).toEqual(["baseUrl"]);
    const openai = await createEndpoint({ name: "Switching", provider: "OPENAI", modelId: "gpt-4o" });
    expect(await paths(updateEndpoint(openai.id, { provider: "OPENAI_COMPATIBLE" }))).toEqual(["baseUrl"]);
  });

  it("refuses a second endpoint with the same name", async () => {
    await createEndpoint({ name: "Twice", ...compatible });
    await expect(createEndpoint({ name: "Twice", ...compatible })).rejects.toMatchObject({ code: "P2002" });
  });

  it("refuses a save made on an edit form opened before another admin's save, naming who and what", async () => {
    const opened = await createEndpoint({ name: "Shared endpoint", ...compatible });
    const ana = await createTestUser({ role: "ADMIN" });
    await db.user.update({ where: { id: ana.id }, data: { name: "Ana" } });
    const ben = await createTestUser({ role: "ADMIN" });
    // What the edit form sends: every field it shows, and the values it was opened with.
    const form = (changes: object) => {
      const { name, provider, baseUrl, modelId, temperature, topP, maxTokens, seed } = opened;
      const { concurrencyLimit, requestsPerMinute, inputPricePerMTok, outputPricePerMTok, structuredOutput } = opened;
      const shown = { name, provider, baseUrl, modelId, temperature, topP, maxTokens, seed, concurrencyLimit };
      const more = { requestsPerMinute, inputPricePerMTok, outputPricePerMTok, structuredOutput };
      return withExpected({ ...shown, ...more, ...changes }, opened);
    };
    await updateEndpoint(opened.id, form({ modelId: "llama-3-70b" }), ana.id);
    const stale = updateEndpoint(opened.id, form({ temperature: 0.2 }), ben.id);
    await expect(stale).rejects.toMatchObject({ code: "edit_conflict" });
    await expect(stale).rejects.toThrow(
      new RegExp(
        `^This endpoint was changed by Ana \\(${ana.email}\\) at .+ UTC since you opened it \\(Model id\\)\\.`,
      ),
    );
    expect(await storedRow(opened.id)).toMatchObject({ modelId: "llama-3-70b", temperature: null });
    // A script that sends no expected values is not checked.
    await updateEndpoint(opened.id, { temperature: 0.2 });
    expect((await storedRow(opened.id)).temperature).toBe(0.2);
  });
});
