import { NextRequest } from "next/server";
import { createRequire } from "node:module";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createTestUser } from "@/lib/testing/factories";
import { TEST_ORIGIN } from "@/lib/testing/requests";

// next-auth's own handler, called as the browser calls it. next-auth require()s next/headers for
// the request's headers and cookies, which Next.js serves per request: here they come from the
// request being handled.
const current = { headers: new Headers() };
const nextHeaders = createRequire(import.meta.url)("next/headers") as Record<string, unknown>;
nextHeaders.headers = async () => current.headers;
nextHeaders.cookies = async () => ({
  getAll: () =>
    (current.headers.get("cookie") ?? "")
      .split(";")
      .map((c) => c.trim())
      .filter(Boolean)
      .map((c) => ({ name: c.slice(0, c.indexOf("=")), value: decodeURIComponent(c.slice(c.indexOf("=") + 1)) })),
});

process.env.NEXTAUTH_URL = TEST_ORIGIN;
const route = await import("./route");
const me = await import("@/app/api/me/route");
const { getAuthOptions } = await import("@/lib/auth/options");
const { SIGN_IN_LIMITS, attemptFailed, recordFailure, signInKeys } = await import("@/lib/auth/rate-limit");
const { PEER_HEADER } = await import("@/lib/auth/peer-address");
const { AUTH_BODY_MAX_BYTES } = await import("@/lib/auth/sign-in-body");

/** A browser: keeps the cookies next-auth sets, sends them back, and sends our Origin. */
function browser(peer = "203.0.113.7") {
  const jar = new Map<string, string>();
  async function send(
    path: string,
    init: { method?: string; form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {},
  ) {
    const headers = new Headers({ origin: TEST_ORIGIN, host: "test", [PEER_HEADER]: peer, ...init.headers });
    if (jar.size) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    let body: string | undefined;
    if (init.form) {
      headers.set("content-type", "application/x-www-form-urlencoded");
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(init.json);
    }
    current.headers = headers;
    const req = new NextRequest(`${TEST_ORIGIN}${path}`, {
      method: init.method ?? (body ? "POST" : "GET"),
      headers,
      body,
    });
    const nextauth = path
      .replace(/^\/api\/auth\//, "")
      .split("?")[0]!
      .split("/");
    const handle = req.method === "POST" ? route.POST : route.GET;
    const res = await handle(req, { params: Promise.resolve({ nextauth }) });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const name = pair!.slice(0, pair!.indexOf("="));
      const value = pair!.slice(pair!.indexOf("=") + 1);
      if (value === "" || /max-age=0/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }
  async function csrfToken() {
    return ((await (await send("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  }
  return {
    jar,
    send,
    async signIn(email: string, password: string, encoding: "form" | "json" = "form") {
      const fields = { email, password, csrfToken: await csrfToken(), callbackUrl: "/", json: "true" };
      return send("/api/auth/callback/credentials", encoding === "form" ? { form: fields } : { json: fields });
    },
    async signOut() {
      return send("/api/auth/signout", { form: { csrfToken: await csrfToken(), json: "true" } });
    },
    /** GET /api/me with this browser's cookies (or the given ones). */
    async me(cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ")) {
      current.headers = new Headers({ cookie });
      return (await me.GET(new Request(`${TEST_ORIGIN}/api/me`, { headers: { cookie } }))).status;
    },
  };
}

const lock = async (email: string) => {
  for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++)
    await recordFailure(signInKeys(email, "198.51.100.1").map((k) => k.key));
};

describe("sign-in through next-auth", () => {
  beforeEach(async () => {
    await db.rateLimitBucket.deleteMany();
  });

  it("answers a GET of the sign-in callback with 405, never with next-auth's error text", async () => {
    const res = await browser().send("/api/auth/callback/credentials");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    const text = await res.text();
    expect(text).not.toMatch(/not supported|Error:/);
    expect(JSON.parse(text).error.code).toBe("method_not_allowed");
  });

  it("signs in with a form or a JSON body", async () => {
    const user = await createTestUser();
    for (const encoding of ["form", "json"] as const) {
      const b = browser();
      expect((await b.signIn(user.email, user.password, encoding)).status).toBe(200);
      expect(await b.me()).toBe(200);
    }
  });

  it("keeps a locked account out whatever the body's encoding, even with the right password", async () => {
    const user = await createTestUser();
    await lock(user.email);
    for (const encoding of ["form", "json"] as const) {
      const b = browser();
      const res = await b.signIn(user.email, user.password, encoding);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await b.me()).toBe(401);
    }
  });

  it("refuses a locked account in the credentials check itself, not only before it", async () => {
    const user = await createTestUser();
    await lock(user.email);
    const provider = getAuthOptions().providers[0] as unknown as {
      options: { authorize: (c: unknown, r: unknown) => Promise<unknown> };
    };
    await expect(
      provider.options.authorize(
        { email: user.email, password: user.password },
        { headers: { [PEER_HEADER]: "203.0.113.9" } },
      ),
    ).rejects.toThrow("RateLimited");
  });

  it("answers 503 when the database cannot be reached, and never puts an error's text in the answer", async () => {
    const user = await createTestUser();
    const unreachable = Object.assign(new Error("Can't reach database server at `db.internal:5432` (secret-host)"), {
      code: "P1001",
    });
    const spy = vi.spyOn(db.user, "findUnique").mockRejectedValueOnce(unreachable);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await browser().signIn(user.email, user.password);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      const text = await res.text();
      expect(JSON.parse(text).error.code).toBe("database_unavailable");
      expect(text).not.toContain("secret-host");

      // Anything else the check trips on is logged, and the answer names no more than a failure.
      spy.mockRejectedValueOnce(new Error("unexpected secret-detail"));
      const other = await browser().signIn(user.email, user.password);
      const body = await other.text();
      expect(body).not.toContain("secret-detail");
      expect(body).toContain("SignInFailed");
      expect(errors).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      errors.mockRestore();
    }
  });

  it("checks no more passwords than the allowance when attempts arrive at the same moment", async () => {
    const user = await createTestUser();
    const provider = getAuthOptions().providers[0] as unknown as {
      options: { authorize: (c: unknown, r: unknown) => Promise<unknown> };
    };
    const attempt = (password: string) =>
      provider.options.authorize({ email: user.email, password }, { headers: { [PEER_HEADER]: "203.0.113.20" } }).then(
        (signedIn) => (signedIn ? "signed in" : "wrong"),
        (err: Error) => err.message,
      );
    const outcomes = await Promise.all(Array.from({ length: 19 }, (_, i) => attempt(`wrong-${i}`)));
    expect(outcomes.filter((o) => o === "wrong")).toHaveLength(SIGN_IN_LIMITS.perEmail);
    expect(outcomes.filter((o) => o === "RateLimited")).toHaveLength(19 - SIGN_IN_LIMITS.perEmail);
    // The right password, now: the allowance is spent.
    expect(await attempt(user.password)).toBe("RateLimited");
    // Refused attempts were given back: the address was charged for the passwords checked only.
    const ip = await db.rateLimitBucket.findUniqueOrThrow({ where: { key: "signin:ip:203.0.113.20" } });
    expect(ip.count).toBe(SIGN_IN_LIMITS.perEmail);
  });

  it("does not charge the address for a successful sign-in", async () => {
    const user = await createTestUser();
    const b = browser("203.0.113.21");
    expect((await b.signIn(user.email, "wrong password")).status).toBe(401);
    expect((await b.signIn(user.email, user.password)).status).toBe(200);
    const ip = await db.rateLimitBucket.findUniqueOrThrow({ where: { key: "signin:ip:203.0.113.21" } });
    expect(ip.count).toBe(1);
    const email = await db.rateLimitBucket.findUnique({ where: { key: `signin:email:${user.email}` } });
    expect(email?.count ?? 0).toBe(0);
  });

  it("answers 429 with Retry-After when the attempts it waited for turn out to be failures", async () => {
    const user = await createTestUser();
    // One attempt from this address short of its limit is being checked (by another process).
    const key = "signin:ip:203.0.113.22";
    await db.rateLimitBucket.create({
      data: { key, count: SIGN_IN_LIMITS.perIp - 1, windowStart: new Date(), pending: 1, pendingAt: new Date() },
    });
    const b = browser("203.0.113.22");
    const signIn = b.signIn(user.email, user.password);
    await attemptFailed([key]);
    const res = await signIn;
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(SIGN_IN_LIMITS.windowSeconds - 60);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /^Too many sign-in attempts\. Try again in 1[45] minutes\.$/,
    );
    expect(await b.me()).toBe(401);
  });

  it("counts failures against the connection's address, not a forged X-Forwarded-For", async () => {
    const user = await createTestUser();
    const b = browser("203.0.113.50");
    const csrfToken = ((await (await b.send("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
    const attempt = (email: string, password: string, forged: string) =>
      b.send("/api/auth/callback/credentials", {
        form: { email, password, csrfToken, json: "true" },
        headers: { "x-forwarded-for": forged },
      });
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) await attempt(`nobody${i}@example.test`, "wrong", `10.9.${i}.1`);
    const res = await attempt(user.email, user.password, "10.9.99.1");
    expect(res.status).toBe(429);
  });

  it("refuses sign-in and sign-out posted from another site", async () => {
    const user = await createTestUser();
    const b = browser();
    const csrfToken = ((await (await b.send("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
    const res = await b.send("/api/auth/callback/credentials", {
      form: { email: user.email, password: user.password, csrfToken, json: "true" },
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("csrf");
    expect(await b.me()).toBe(401);

    expect((await b.signIn(user.email, user.password)).status).toBe(200);
    const out = await b.send("/api/auth/signout", {
      form: { csrfToken, json: "true" },
      headers: { origin: "https://evil.example" },
    });
    expect(out.status).toBe(403);
    expect(await b.me()).toBe(200);
  });

  it("refuses a sign-in or sign-out body past a few KB with 413, having read no more of it than that", async () => {
    const user = await createTestUser();
    for (const path of ["callback/credentials", "signout"]) {
      // A 4 MB email=aaaa… sent in pieces with no Content-Length, as an attacker's client does.
      let sent = 0;
      const piece = new TextEncoder().encode("a".repeat(64 * 1024));
      const endless = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode("email="));
        },
        pull(c) {
          if (sent >= 4 * 1024 * 1024) return c.close();
          sent += piece.byteLength;
          c.enqueue(piece);
        },
      });
      const headers = new Headers({
        origin: TEST_ORIGIN,
        host: "test",
        "content-type": "application/x-www-form-urlencoded",
      });
      current.headers = headers;
      const req = new NextRequest(`${TEST_ORIGIN}/api/auth/${path}`, {
        method: "POST",
        headers,
        body: endless,
        duplex: "half",
      } as ConstructorParameters<typeof NextRequest>[1]);
      const res = await route.POST(req, { params: Promise.resolve({ nextauth: path.split("/") }) });
      expect(res.status).toBe(413);
      expect(res.headers.get("connection")).toBe("close");
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("too_large");
      expect(sent).toBeLessThanOrEqual(AUTH_BODY_MAX_BYTES + 2 * piece.byteLength);
    }
    // A body that says it is too large is refused before any of it is read.
    const b = browser();
    const declared = await b.send("/api/auth/callback/credentials", {
      form: { email: user.email, password: user.password },
      headers: { "content-length": String(300 * 1024 * 1024) },
    });
    expect(declared.status).toBe(413);
    // The largest real password still signs in: 200 characters of 3 bytes, 9 once URL-encoded.
    const long = await createTestUser({ password: "€".repeat(200) });
    expect((await b.signIn(long.email, long.password)).status).toBe(200);
    expect(await b.me()).toBe(200);
  });

  it("signing out ends the session: a copy of the old cookie no longer works", async () => {
    const user = await createTestUser();
    const b = browser();
    await b.signIn(user.email, user.password);
    const stolen = [...b.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    expect(await b.me(stolen)).toBe(200);
    // Another device of the same user stays signed in.
    const other = browser();
    await other.signIn(user.email, user.password);

    expect((await b.signOut()).status).toBe(200);
    expect(await b.me(stolen)).toBe(401);
    expect(await other.me()).toBe(200);
    // next-auth's own session answer agrees: nothing for the old cookie, and no renewed one.
    for (const c of stolen.split("; ")) b.jar.set(c.slice(0, c.indexOf("=")), c.slice(c.indexOf("=") + 1));
    const session = await b.send("/api/auth/session");
    expect(await session.json()).toEqual({});
    expect(session.headers.getSetCookie()).toEqual([]);
    expect(await (await other.send("/api/auth/session")).json()).toMatchObject({ user: { email: user.email } });
  });

  it("redirects after sign-in only within the site", async () => {
    const redirect = getAuthOptions().callbacks!.redirect!;
    const at = (url: string) => redirect({ url, baseUrl: TEST_ORIGIN });
    expect(await at("/projects/1?tab=a#x")).toBe(`${TEST_ORIGIN}/projects/1?tab=a#x`);
    expect(await at(`${TEST_ORIGIN}/admin/users`)).toBe(`${TEST_ORIGIN}/admin/users`);
    for (const evil of [
      "/\\evil.example",
      "/\t/evil.example",
      "//evil.example",
      "https://evil.example/",
      "/\\/evil.example",
    ]) {
      expect(await at(evil)).toBe(`${TEST_ORIGIN}/`);
    }
  });
});
