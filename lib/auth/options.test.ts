import { describe, expect, it, vi } from "vitest";
import { createTestUser } from "@/lib/testing/factories";

// Which hashes the credentials check verifies against: the real functions, watched.
const checked = vi.hoisted(() => ({ hashes: [] as string[] }));
vi.mock("@/lib/users/password", async (original) => {
  const real = await original<typeof import("@/lib/users/password")>();
  return {
    ...real,
    verifyPassword: (hash: string, password: string) => {
      checked.hashes.push(hash);
      return real.verifyPassword(hash, password);
    },
  };
});

const { getAuthOptions } = await import("./options");
const { SIGN_IN_LIMITS } = await import("./rate-limit");
const { PEER_HEADER } = await import("./peer-address");

const authorize = (email: string, password: string, headers: Record<string, string> = {}) =>
  (
    getAuthOptions().providers[0] as unknown as {
      options: { authorize: (c: unknown, r: unknown) => Promise<unknown> };
    }
  ).options.authorize({ email, password }, { headers });

describe("the credentials check", () => {
  it("checks a password for an email with no account too, so the time does not tell which exist", async () => {
    const user = await createTestUser();
    checked.hashes.length = 0;
    expect(await authorize("no-such-account@example.test", "some password")).toBeNull();
    expect(await authorize(user.email, "wrong password")).toBeNull();
    expect(checked.hashes).toHaveLength(2);
    // An argon2id hash like any account's, of no account's password.
    expect(checked.hashes[0]).toMatch(/^\$argon2id\$/);
    expect(checked.hashes[0]).not.toBe(checked.hashes[1]);
  });

  it("signs in everyone of an office behind one address who signs in at the same moment", async () => {
    const office = { [PEER_HEADER]: "203.0.113.40" };
    const people = [];
    for (let i = 0; i < SIGN_IN_LIMITS.perIp + 10; i++) people.push(await createTestUser());
    const outcomes = await Promise.all(
      people.map((p) =>
        authorize(p.email, p.password, office).then(
          (user) => (user ? "signed in" : "wrong"),
          (err: Error) => err.message,
        ),
      ),
    );
    expect(outcomes.filter((o) => o !== "signed in")).toEqual([]);
  });
});
