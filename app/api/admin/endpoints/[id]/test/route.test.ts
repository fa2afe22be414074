import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { createEndpoint } from "@/lib/endpoints/endpoints";
import { TEST_ORIGIN } from "@/lib/testing/requests";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  sessionAccountDeactivated: async () => false,
}));

const { POST } = await import("./route");

// What an internal service behind the base URL might answer: none of it may reach the admin.
const SECRET = "internal-secret-7f3a";
const answers: Record<string, { status: number; type: string; body: string }> = {
  "/text404/chat/completions": { status: 404, type: "text/plain", body: `no route here; ${SECRET}` },
  "/text502/chat/completions": { status: 502, type: "text/plain", body: `upstream ${SECRET}` },
  "/json200/chat/completions": {
    status: 200,
    type: "application/json",
    body: JSON.stringify({ users: [{ name: SECRET }] }),
  },
  "/text200/chat/completions": { status: 200, type: "text/plain", body: `hello ${SECRET}` },
  "/json500/chat/completions": { status: 500, type: "application/json", body: JSON.stringify({ detail: SECRET }) },
  "/provider401/chat/completions": {
    status: 401,
    type: "application/json",
    body: JSON.stringify({
      error: { message: `Incorrect API key provided. ${"x".repeat(400)}`, type: "invalid_request_error" },
    }),
  },
};

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = answers[req.url ?? ""] ?? { status: 404, type: "text/plain", body: SECRET };
    res.writeHead(answer.status, { "content-type": answer.type }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  session.user = { id: "admin", email: "admin@example.test", name: null, role: "ADMIN" };
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function test(path: string) {
  const endpoint = await createEndpoint({
    name: `probe ${path} ${Math.random()}`,
    provider: "OPENAI_COMPATIBLE",
    baseUrl: `${base}/${path}`,
    modelId: "m",
  });
  const res = await POST(new Request("http://test/api/x", { method: "POST", headers: { origin: TEST_ORIGIN } }), {
    params: Promise.resolve({ id: endpoint.id }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

describe("endpoint Test", () => {
  it("never shows what a server that is not a provider answered, only the status", async () => {
    for (const path of ["text404", "text502", "json200", "text200", "json500"]) {
      const result = await test(path);
      expect(result.ok, path).toBe(false);
      expect(JSON.stringify(result), path).not.toContain(SECRET);
    }
    // The base URL has no /v1: the likely cause is named, and nothing of what the server said.
    expect((await test("text404")).error).toEqual({
      kind: "model_not_found",
      message: "404 Not Found. The base URL probably lacks /v1: the call went to /chat/completions without a version.",
      status: 404,
    });
  });

  it("shows the status and the provider's own error message, cut short", async () => {
    const result = await test("provider401");
    expect(result.error).toMatchObject({ kind: "auth", status: 401 });
    expect(result.error.message).toMatch(/^401 Unauthorized: Incorrect API key provided\. x+…$/);
    expect(result.error.message.length).toBeLessThanOrEqual(250);
  });
});
