import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createTestUser } from "@/lib/testing/factories";

// The session cookie as next-auth reads it: what a tab left open still sends.
const cookie = vi.hoisted(() => ({ session: null as unknown }));
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  getServerSession: async () => cookie.session,
}));

const { GET } = await import("@/app/api/projects/route");

async function signedIn(user: { id: string }) {
  const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
  return { user: { id: user.id, sid: randomUUID(), signedInAt: Math.floor(Date.now() / 1000), sv: sessionVersion } };
}

async function refusal() {
  const res = await GET(new Request("http://test/api/projects"));
  return { status: res.status, code: ((await res.json()) as { error?: { code: string } }).error?.code };
}

describe("a request from a tab whose session no longer works", () => {
  it("says the account is deactivated when it is, so the page does not ask to sign in again", async () => {
    const user = await createTestUser();
    cookie.session = await signedIn(user);
    expect((await GET(new Request("http://test/api/projects"))).status).toBe(200);

    await db.user.update({ where: { id: user.id }, data: { active: false, sessionVersion: { increment: 1 } } });
    expect(await refusal()).toEqual({ status: 401, code: "account_deactivated" });
  });

  it("says only that the session has ended when the account is still active", async () => {
    const user = await createTestUser();
    cookie.session = await signedIn(user);
    // A password reset elsewhere ends the session; the account itself is fine.
    await db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await refusal()).toEqual({ status: 401, code: "unauthorized" });
    cookie.session = null;
    expect(await refusal()).toEqual({ status: 401, code: "unauthorized" });
  });
});
