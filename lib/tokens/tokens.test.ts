import { describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { createTestUser } from "@/lib/testing/factories";
import { sameOriginJson } from "@/lib/testing/requests";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  sessionAccountDeactivated: async () => false,
}));

const tokensRoute = await import("@/app/api/tokens/route");
const tokenRoute = await import("@/app/api/tokens/[id]/route");
const usersRoute = await import("@/app/api/admin/users/route");
const userRoute = await import("@/app/api/admin/users/[id]/route");
const projectsRoute = await import("@/app/api/projects/route");

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(
  route: Route,
  opts: { method?: string; token?: string; header?: string; body?: unknown; params?: Record<string, string> } = {},
) {
  const headers = new Headers(sameOriginJson);
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  if (opts.header !== undefined) headers.set("authorization", opts.header);
  const req = new Request("http://test/api", {
    method: opts.method ?? "GET",
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const res = await route(req, { params: Promise.resolve(opts.params ?? {}) });
  return { status: res.status, json: await res.json() };
}

const asSession = (u: { id: string; email: string; role: "ADMIN" | "ANNOTATOR" }) =>
  (session.user = { id: u.id, email: u.email, name: null, role: u.role });

async function adminWithToken(name = "script", scope?: "READ" | "FULL") {
  const admin = await createTestUser({ role: "ADMIN" });
  asSession(admin);
  const created = await call(tokensRoute.POST, { method: "POST", body: { name, scope } });
  expect(created.status).toBe(200);
  session.user = null;
  return { admin, token: created.json.token as string, id: created.json.record.id as string };
}

describe("API tokens", () => {
  it("are shown once, stored only as a hash, and listed without the secret", async () => {
    const { admin, token, id } = await adminWithToken("nightly export");
    expect(token).toMatch(/^pw_[A-Za-z0-9_-]{43}$/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token.slice(12));
    asSession(admin);
    const listed = await call(tokensRoute.GET);
    expect(listed.json.tokens).toEqual([
      expect.objectContaining({ id, name: "nightly export", prefix: token.slice(0, 9), lastUsedAt: null }),
    ]);
    expect(JSON.stringify(listed.json)).not.toContain(token.slice(12));
  });

  it("act as their user on API routes and record their last use", async () => {
    const { admin, token, id } = await adminWithToken();
    const res = await call(usersRoute.GET, { token });
    expect(res.status).toBe(200);
    expect(res.json.users.map((u: { email: string }) => u.email)).toContain(admin.email);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
  });

  it("that are unknown, malformed, revoked or whose user is deactivated get 401", async () => {
    const { admin, token, id } = await adminWithToken();
    expect((await call(usersRoute.GET, { token: `${token}x` })).status).toBe(401);
    expect((await call(usersRoute.GET, { header: "Basic abc" })).status).toBe(401);
    expect((await call(usersRoute.GET, { header: "Bearer" })).status).toBe(401);

    asSession(admin);
    expect((await call(tokenRoute.DELETE, { method: "DELETE", params: { id } })).status).toBe(200);
    session.user = null;
    const revoked = await call(usersRoute.GET, { token });
    expect(revoked.status).toBe(401);
    expect(revoked.json.error.code).toBe("invalid_token");

    const other = await adminWithToken();
    await db.user.update({ where: { id: other.admin.id }, data: { active: false } });
    expect((await call(usersRoute.GET, { token: other.token })).status).toBe(401);
  });

  it("never fall back to the session when the bearer token fails", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    asSession(admin);
    expect((await call(usersRoute.GET, { token: "pw_not-a-real-token" })).status).toBe(401);
  });

  it("carry their user's current role: an admin demoted to annotator gets 403 on admin routes", async () => {
    const { admin, token } = await adminWithToken();
    await db.user.update({ where: { id: admin.id }, data: { role: "ANNOTATOR" } });
    expect((await call(usersRoute.GET, { token })).status).toBe(403);
  });

  it("cannot manage tokens, and annotators cannot create them", async () => {
    const { token, id } = await adminWithToken();
    expect((await call(tokensRoute.POST, { method: "POST", token, body: { name: "more" } })).status).toBe(403);
    expect((await call(tokenRoute.DELETE, { method: "DELETE", token, params: { id } })).status).toBe(403);
    expect((await call(tokensRoute.GET, { token })).status).toBe(403);

    asSession(await createTestUser({ role: "ANNOTATOR" }));
    expect((await call(tokensRoute.POST, { method: "POST", body: { name: "mine" } })).status).toBe(403);
  });

  it("are listed to every admin with their owner, and any admin can revoke any of them, once", async () => {
    const { admin: owner, token, id } = await adminWithToken();
    asSession(await createTestUser({ role: "ADMIN" }));
    const listed = await call(tokensRoute.GET);
    expect(listed.json.tokens).toContainEqual(
      expect.objectContaining({ id, owner: { id: owner.id, email: owner.email }, scope: "FULL", status: "active" }),
    );
    expect((await call(tokenRoute.DELETE, { method: "DELETE", params: { id } })).status).toBe(200);
    expect((await call(tokenRoute.DELETE, { method: "DELETE", params: { id } })).status).toBe(409);
    expect((await call(tokenRoute.DELETE, { method: "DELETE", params: { id: "missing" } })).status).toBe(404);
    session.user = null;
    expect((await call(usersRoute.GET, { token })).status).toBe(401);
  });

  it("need a name", async () => {
    asSession(await createTestUser({ role: "ADMIN" }));
    const unnamed = await call(tokensRoute.POST, { method: "POST", body: { name: "  " } });
    expect(unnamed.status).toBe(422);
    expect(unnamed.json.error.fields).toEqual([{ path: "name", message: "Name the token (what will use it)" }]);
  });

  it("that are read-only can read but change nothing", async () => {
    const { token } = await adminWithToken("reader", "READ");
    expect((await call(usersRoute.GET, { token })).status).toBe(200);
    const create = await call(projectsRoute.POST, { method: "POST", token, body: { name: "From a script" } });
    expect(create.status).toBe(403);
    expect(create.json.error.code).toBe("read_only_token");
    expect(await db.project.count({ where: { name: "From a script" } })).toBe(0);
  });

  it("cannot create users or change passwords and roles, whatever their scope", async () => {
    const { token } = await adminWithToken("full", "FULL");
    const victim = await createTestUser();
    const created = await call(usersRoute.POST, {
      method: "POST",
      token,
      body: { email: "backdoor@example.test", password: "long-enough-1", role: "ADMIN" },
    });
    expect(created.status).toBe(403);
    expect(created.json.error.code).toBe("session_required");
    const patched = await call(userRoute.PATCH, {
      method: "PATCH",
      token,
      params: { id: victim.id },
      body: { password: "taken-over-1" },
    });
    expect(patched.status).toBe(403);
    expect(await db.user.count({ where: { email: "backdoor@example.test" } })).toBe(0);
  });

  it("stop working when their owner's password is reset, or the owner is deactivated or demoted", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    for (const change of [{ password: "a-new-password" }, { active: false }, { role: "ANNOTATOR" }]) {
      const { admin: owner, token } = await adminWithToken();
      expect((await call(usersRoute.GET, { token })).status).toBe(200);
      asSession(admin);
      expect((await call(userRoute.PATCH, { method: "PATCH", params: { id: owner.id }, body: change })).status).toBe(
        200,
      );
      session.user = null;
      const res = await call(usersRoute.GET, { token });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe("invalid_token");
      if (change.active === false) {
        // Reactivating does not bring old tokens back.
        await db.user.update({ where: { id: owner.id }, data: { active: true } });
        expect((await call(usersRoute.GET, { token })).status).toBe(401);
      }
      asSession(admin);
      expect(
        (await call(tokensRoute.GET)).json.tokens.find((t: { owner: { id: string } }) => t.owner.id === owner.id)
          .status,
      ).toBe("ended");
    }
    // Renaming changes nothing for tokens.
    const { admin: renamed, token } = await adminWithToken();
    asSession(admin);
    await call(userRoute.PATCH, { method: "PATCH", params: { id: renamed.id }, body: { name: "New name" } });
    session.user = null;
    expect((await call(usersRoute.GET, { token })).status).toBe(200);
  });
});
