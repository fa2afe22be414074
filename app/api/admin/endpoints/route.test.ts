import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { startModelServer, type ModelServer } from "@/lib/testing/model-server";
import { sameOriginJson } from "@/lib/testing/requests";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  sessionAccountDeactivated: async () => false,
}));

const collection = await import("./route");
const item = await import("./[id]/route");
const testRoute = await import("./[id]/test/route");

// Distinctive enough that any leak, anywhere, shows up in a plain substring search.
const KEY = "sk-DISTINCTIVE-route-key-5c4b3a2918";
const admin: SessionUser = { id: "a1", email: "admin@example.test", name: null, role: "ADMIN" };
const annotator: SessionUser = { id: "u1", email: "ann@example.test", name: null, role: "ANNOTATOR" };

let server: ModelServer;
const logged: string[] = [];

beforeAll(async () => {
  server = await startModelServer({ apiKey: KEY });
  const show = (a: unknown) => (a instanceof Error ? String(a.stack) : typeof a === "string" ? a : JSON.stringify(a));
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(show).join(" ")));
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await server.close();
});

async function call(
  h: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
  method: string,
  body?: unknown,
  params: Record<string, string> = {},
) {
  const req = new Request("http://test/api/admin/endpoints", {
    method,
    headers: sameOriginJson,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await h(req, { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) };
}

describe("endpoint routes", () => {
  it("never send the API key back, whatever the call, and never log it", async () => {
    session.user = admin;
    const responses: string[] = [];
    const created = await call(collection.POST, "POST", {
      name: "Loopback",
      provider: "OPENAI_COMPATIBLE",
      baseUrl: server.baseUrl,
      modelId: "test-strong",
      apiKey: KEY,
    });
    expect(created.status).toBe(200);
    expect(created.json.endpoint.apiKeyLast4).toBe("••••2918");
    const id = created.json.endpoint.id as string;
    responses.push(created.text);

    const listed = await call(collection.GET, "GET");
    expect(listed.json.endpoints).toHaveLength(1);
    responses.push(listed.text);

    const updated = await call(item.PATCH, "PATCH", { temperature: 0.2, apiKey: KEY }, { id });
    expect(updated.json.endpoint).toMatchObject({ temperature: 0.2, apiKeyLast4: "••••2918" });
    responses.push(updated.text);

    const ok = await call(testRoute.POST, "POST", undefined, { id });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ ok: true, model: "test-strong", outputMode: "JSON_SCHEMA" });
    expect(ok.json.text).toContain("OK");
    expect(ok.json.latencyMs).toBeGreaterThanOrEqual(0);
    responses.push(ok.text);

    await call(item.PATCH, "PATCH", { modelId: "missing-model" }, { id });
    const notFound = await call(testRoute.POST, "POST", undefined, { id });
    expect(notFound.status).toBe(200);
    expect(notFound.json).toEqual({
      ok: false,
      error: {
        kind: "model_not_found",
        status: 404,
        message: "404 Not Found: The model 'missing-model' does not exist or you do not have access to it.",
      },
    });
    responses.push(notFound.text);

    const invalid = await call(collection.POST, "POST", {
      name: "Bad",
      provider: "OPENAI_COMPATIBLE",
      modelId: "m",
      apiKey: KEY,
      temperature: 9,
    });
    expect(invalid.status).toBe(422);
    responses.push(invalid.text);

    for (const text of [...responses, ...logged]) expect(text).not.toContain(KEY);
  });

  it("show the provider's refusal of a wrong key as a 200 answer", async () => {
    session.user = admin;
    const created = await call(collection.POST, "POST", {
      name: "Wrong key",
      provider: "OPENAI_COMPATIBLE",
      baseUrl: server.baseUrl,
      modelId: "test-weak",
      apiKey: "sk-not-the-right-one-123456",
    });
    const res = await call(testRoute.POST, "POST", undefined, { id: created.json.endpoint.id });
    expect(res.json).toEqual({
      ok: false,
      error: {
        kind: "auth",
        status: 401,
        message: "401 Unauthorized: Incorrect API key provided to the test model server.",
      },
    });
  });

  it("are for admins only", async () => {
    session.user = annotator;
    expect((await call(collection.GET, "GET")).status).toBe(403);
    expect((await call(testRoute.POST, "POST", undefined, { id: "x" })).status).toBe(403);
    session.user = null;
    expect((await call(collection.POST, "POST", {})).status).toBe(401);
  });

  it("answer 404 for an unknown endpoint", async () => {
    session.user = admin;
    expect((await call(item.PATCH, "PATCH", { name: "x" }, { id: "nope" })).status).toBe(404);
    expect((await call(testRoute.POST, "POST", undefined, { id: "nope" })).status).toBe(404);
  });
});
