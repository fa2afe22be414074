import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { sameOriginJson } from "@/lib/testing/requests";
import { ApiError } from "./errors";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  sessionAccountDeactivated: async () => false,
}));

const { handler, JSON_BODY_MAX_BYTES } = await import("./handler");

const admin: SessionUser = { id: "a1", email: "admin@example.test", name: null, role: "ADMIN" };
const annotator: SessionUser = { id: "u1", email: "ann@example.test", name: null, role: "ANNOTATOR" };

const post = (body: unknown) =>
  new Request("http://test/api/x", {
    method: "POST",
    headers: sameOriginJson,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

async function call(h: ReturnType<typeof handler>, req: Request, params: Record<string, string> = {}) {
  const res = await h(req, { params: Promise.resolve(params) });
  return { status: res.status, body: await res.json() };
}

describe("API handler wrapper", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("answers 401 when not signed in and 403 for the wrong role", async () => {
    const h = handler({ access: "ADMIN" }, () => ({ secret: 1 }));
    expect(await call(h, post({}))).toEqual({
      status: 401,
      body: { error: { code: "unauthorized", message: "Sign in to continue" } },
    });
    session.user = annotator;
    expect((await call(h, post({}))).status).toBe(403);
    session.user = admin;
    expect(await call(h, post({}))).toEqual({ status: 200, body: { secret: 1 } });
  });

  it("answers 422 naming each invalid field by its path", async () => {
    session.user = admin;
    const h = handler(
      { access: "ADMIN", body: z.object({ email: z.email(), tags: z.array(z.string()) }) },
      ({ body }) => body,
    );
    const res = await call(h, post({ email: "nope", tags: ["ok", 3] }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_input");
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(["email", "tags.1"]);
  });

  it("refuses a body field the route does not know, naming it, rather than dropping it", async () => {
    session.user = admin;
    const h = handler(
      {
        access: "ADMIN",
        body: z
          .object({ name: z.string(), settings: z.object({ size: z.number() }).optional() })
          .refine((b) => b.name !== "x", "not x"),
      },
      ({ body }) => body,
    );
    const typo = await call(h, post({ name: "token", expiresAt: "2020-01-01T00:00:00Z" }));
    expect(typo.status).toBe(422);
    expect(typo.body.error.fields).toEqual([{ path: "expiresAt", message: 'Unrecognized key: "expiresAt"' }]);
    // Its refinements still apply, and objects nested in the body are the route's own business.
    expect((await call(h, post({ name: "x" }))).status).toBe(422);
    expect(await call(h, post({ name: "ok", settings: { size: 1, extra: true } }))).toEqual({
      status: 200,
      body: { name: "ok", settings: { size: 1 } },
    });
  });

  it("names a query parameter the route does not know by its name, and the query as a whole as the query", async () => {
    session.user = admin;
    const h = handler(
      {
        access: "ADMIN",
        query: z
          .strictObject({ minVotes: z.coerce.number().optional(), from: z.string().optional() })
          .refine((q) => q.minVotes !== 0, "minVotes and from cannot both be empty"),
      },
      ({ query }) => query,
    );
    const get = (search: string) => new Request(`http://test/api/x${search}`, { method: "GET" });
    const typo = await call(h, get("?minVote=2&minVotes=2"));
    expect(typo.status).toBe(422);
    const unknown = "minVote is not a parameter of this request (it takes minVotes, from)";
    expect(typo.body.error.fields).toEqual([{ path: "minVote", message: unknown }]);
    expect(typo.body.error.message).toBe(`minVote: ${unknown}`);
    const two = await call(h, get("?a=1&b=2"));
    expect(two.body.error.fields.map((f: { path: string }) => f.path)).toEqual(["a", "b"]);
    expect(two.body.error.message).toMatch(/^a: .*; b: /);
    const whole = await call(h, get("?minVotes=0"));
    expect(whole.body.error.fields).toEqual([{ path: "(query)", message: "minVotes and from cannot both be empty" }]);
  });

  it("refuses any query parameter on a route that takes none, rather than answering as if it were not there", async () => {
    session.user = admin;
    const h = handler({ access: "ADMIN" }, () => ({ users: "all of them" }));
    const get = (search: string) => new Request(`http://test/api/x${search}`, { method: "GET" });
    const filtered = await call(h, get("?role=ANNOTATOR"));
    expect(filtered.status).toBe(422);
    expect(filtered.body.error.fields).toEqual([
      { path: "role", message: "role is not a parameter of this request (it takes none)" },
    ]);
    expect((await call(h, get("?foo=1&foo=2"))).status).toBe(422);
    expect(await call(h, get(""))).toEqual({ status: 200, body: { users: "all of them" } });
  });

  it("refuses a query parameter given twice, naming it, rather than keeping the last one", async () => {
    session.user = admin;
    const h = handler(
      { access: "ADMIN", query: z.object({ format: z.string(), limit: z.string().optional() }) },
      ({ query }) => query,
    );
    const get = (search: string) => new Request(`http://test/api/x${search}`, { method: "GET" });
    const twice = await call(h, get("?format=trl&limit=2&format=orca"));
    expect(twice.status).toBe(422);
    expect(twice.body.error.fields).toEqual([
      { path: "format", message: 'format is given 2 times; give it once (got "trl", "orca")' },
    ]);
    expect(await call(h, get("?format=orca&limit=2"))).toEqual({ status: 200, body: { format: "orca", limit: "2" } });
  });

  it("says which value it refused, quoted and cut when long, in the query, the body and the params", async () => {
    session.user = admin;
    const h = handler(
      {
        access: "ADMIN",
        params: z.object({ id: z.string().regex(/^\d+$/, "id must be digits") }),
        query: z.object({ format: z.enum(["trl", "orca"], { error: "format must be one of trl, orca" }) }),
        body: z.object({ n: z.number().max(5, "n must be at most 5"), password: z.string().min(8, "too short") }),
      },
      () => ({}),
    );
    const req = (search: string, body: unknown) =>
      new Request(`http://test/api/x${search}`, {
        method: "POST",
        headers: sameOriginJson,
        body: JSON.stringify(body),
      });
    const ok = { n: 1, password: "long enough" };
    const dpo = await call(h, req("?format=dpo", ok), { id: "1" });
    expect(dpo.body.error.message).toBe('format: format must be one of trl, orca (got "dpo")');
    const long = await call(h, req(`?format=${"x".repeat(150)}`, ok), { id: "1" });
    expect(long.body.error.fields[0].message).toBe(
      `format must be one of trl, orca (got "${"x".repeat(100)}"… (150 characters))`,
    );
    const body = await call(h, req("?format=trl", { n: 9, password: "secret" }), { id: "1" });
    expect(body.body.error.fields).toEqual([
      { path: "n", message: "n must be at most 5 (got 9)" },
      // A password is never repeated back.
      { path: "password", message: "too short" },
    ]);
    const param = await call(h, req("?format=trl", ok), { id: "x1" });
    expect(param.body.error.fields).toEqual([{ path: "id", message: 'id must be digits (got "x1")' }]);
  });

  it("answers 400 for a body that is not JSON", async () => {
    session.user = admin;
    const h = handler({ access: "ADMIN", body: z.object({}) }, () => ({}));
    expect((await call(h, post("{not json"))).body.error.code).toBe("invalid_json");
  });

  it("refuses a body that is not UTF-8 with 400 naming the first bad byte, never storing altered text", async () => {
    session.user = admin;
    const h = handler({ access: "ADMIN", body: z.object({ name: z.string() }) }, ({ body }) => body.name);
    const raw = (...parts: (string | number[])[]) =>
      new Request("http://test/api/x", {
        method: "POST",
        headers: sameOriginJson,
        body: Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p)))),
      });
    // A Latin-1 "é" (E9), and the UTF-16 byte order mark (FF FE), at byte 9.
    for (const bad of [[0xe9], [0xff, 0xfe]]) {
      expect(await call(h, raw('{"name":"', bad, '"}'))).toEqual({
        status: 400,
        body: {
          error: {
            code: "invalid_utf8",
            message: "The request body is not valid UTF-8 (byte 9). Send JSON encoded as UTF-8.",
          },
        },
      });
    }
    // Cut off in the middle of a character.
    expect((await call(h, raw('{"name":"a"}', [0xc3]))).body.error.message).toContain("(byte 12)");
    expect(await call(h, raw('{"name":"', "é", '"}'))).toEqual({ status: 200, body: "é" });
  });

  it("refuses a JSON body past its limit with 413, having read no more of it than the limit", async () => {
    session.user = admin;
    const h = handler({ access: "ADMIN", body: z.object({ text: z.string() }) }, ({ body }) => body.text.length);
    const fits = JSON.stringify({ text: "x".repeat(JSON_BODY_MAX_BYTES - 20) });
    expect(await call(h, post(fits))).toEqual({ status: 200, body: JSON_BODY_MAX_BYTES - 20 });
    // Sent in pieces with no Content-Length, as a client that announces nothing does.
    let sent = 0;
    const piece = new TextEncoder().encode("x".repeat(1024 * 1024));
    const endless = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"text":"'));
      },
      pull(c) {
        sent += piece.byteLength;
        c.enqueue(piece);
      },
    });
    const req = new Request("http://test/api/x", {
      method: "POST",
      headers: sameOriginJson,
      body: endless,
      duplex: "half",
    } as RequestInit);
    const res = await call(h, req);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("too_large");
    expect(sent).toBeLessThanOrEqual(JSON_BODY_MAX_BYTES + 2 * piece.byteLength);
  });

  it("validates route params", async () => {
    session.user = admin;
    const h = handler({ access: "user", params: z.object({ id: z.string().regex(/^\d+$/) }) }, ({ params }) => params);
    expect((await call(h, post({}), { id: "12" })).body).toEqual({ id: "12" });
    expect((await call(h, post({}), { id: "x" })).status).toBe(422);
  });

  it("refuses a NUL character or lone surrogate anywhere in the body, a path id or a query value with 422 naming it", async () => {
    session.user = admin;
    const h = handler(
      {
        access: "ADMIN",
        params: z.object({ id: z.string() }),
        body: z.object({ name: z.string(), meta: z.record(z.string(), z.unknown()) }),
      },
      () => db.user.create({ data: { email: "nul@example.test", passwordHash: "x" }, select: { id: true } }),
    );
    const fields = async (req: Request, params = { id: "p1" }) => {
      const res = await call(h, req, params);
      expect(res.status).toBe(422);
      return res.body.error.fields;
    };
    expect(await fields(post({ name: "a\u0000b", meta: {} }))).toEqual([
      { path: "name", message: 'must not contain the NUL character (\\u0000) (got "a\\u0000b")' },
    ]);
    expect((await fields(post({ name: "a", meta: { tags: ["ok", "x\u0000"] } })))[0].path).toBe("meta.tags.1");
    expect((await fields(post({ name: "a", meta: { "k\u0000": 1 } })))[0].path).toBe("meta.k\\u0000");
    expect((await fields(post({ name: "a", meta: {} }), { id: "p\u00001" }))[0].path).toBe("id");
    expect(
      (await fields(new Request("http://test/api/x?q=%00", { method: "POST", body: "{}", headers: sameOriginJson })))[0]
        .path,
    ).toBe("q");
    // A lone surrogate has no UTF-8 form: refused the same way rather than failing in the database.
    expect(await fields(post('{"name":"a\\ud800","meta":{}}'))).toEqual([
      { path: "name", message: 'must not contain an unpaired surrogate (\\ud800-\\udfff) (got "a\\ud800")' },
    ]);
    expect((await fields(post({ name: "a", meta: {} }), { id: "\ud800" }))[0].path).toBe("id");
    expect(await db.user.count({ where: { email: "nul@example.test" } })).toBe(0);
    // A body nested far deeper than any schema is walked without overflowing the stack.
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect((await call(h, post(`{"name":"a","meta":{"d":${deep}}}`), { id: "p1" })).status).toBe(200);
  });

  it("maps unique violations to 409 and missing records to 404", async () => {
    session.user = admin;
    const insert = handler({ access: "ADMIN" }, () =>
      db.user.create({ data: { email: "dup@example.test", passwordHash: "x" }, select: { id: true } }),
    );
    expect((await call(insert, post({}))).status).toBe(200);
    const dup = await call(insert, post({}));
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toMatch(/email/);

    const missing = handler({ access: "ADMIN" }, () => db.user.update({ where: { id: "nope" }, data: { name: "x" } }));
    expect((await call(missing, post({}))).status).toBe(404);
  });

  it("passes typed API errors through with their status and headers", async () => {
    const h = handler({ access: "public" }, () => {
      throw new ApiError(429, "rate_limited", "Slow down", { "Retry-After": "30" });
    });
    const res = await h(post({}));
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBe("30");
  });

  it("answers each domain error with its status and code, and an invalid one with its fields", async () => {
    const cases: [Error, number, unknown][] = [
      [new NotFoundError("Run"), 404, { code: "not_found", message: "Run not found" }],
      [new ConflictError("run_in_progress", "Busy"), 409, { code: "run_in_progress", message: "Busy" }],
      [new InvalidError("judge_missing", "Choose a judge"), 422, { code: "judge_missing", message: "Choose a judge" }],
      [
        new InvalidError("invalid_input", "n: too big", [{ path: "n", message: "too big" }]),
        422,
        { code: "invalid_input", message: "n: too big", fields: [{ path: "n", message: "too big" }] },
      ],
      [new ForbiddenError(), 403, { code: "forbidden", message: "You do not have access to this resource" }],
      [new UnauthenticatedError("invalid_token", "Bad token"), 401, { code: "invalid_token", message: "Bad token" }],
    ];
    for (const [err, status, error] of cases) {
      const h = handler({ access: "public" }, () => {
        throw err;
      });
      expect(await call(h, post({}))).toEqual({ status, body: { error } });
    }
  });

  describe("project access", () => {
    const body = z.object({ n: z.number() });
    async function setup() {
      const admin = await createTestUser({ role: "ADMIN" });
      const member = await createTestUser();
      const outsider = await createTestUser();
      const project = await createTestProject({ createdById: admin.id });
      await db.projectMember.create({ data: { projectId: project.id, userId: member.id } });
      const asSession = (u: { id: string; email: string; role: "ADMIN" | "ANNOTATOR" }): SessionUser => ({
        ...u,
        name: null,
      });
      return { project, admin: asSession(admin), member: asSession(member), outsider: asSession(outsider) };
    }

    it("hands members the project and refuses anyone else before reading the body", async () => {
      const { project, member, outsider, admin } = await setup();
      const entered: string[] = [];
      const h = handler({ access: "user", project: "member", body }, ({ project, user }) => {
        entered.push(user.id);
        return { project: project.id };
      });
      for (const user of [member, admin]) {
        session.user = user;
        expect(await call(h, post({ n: 1 }), { id: project.id })).toEqual({
          status: 200,
          body: { project: project.id },
        });
      }
      session.user = outsider;
      // A wrong body (and a body that is not even JSON) still gets the project's 404.
      for (const wrong of [{ n: "x" }, "{not json"]) {
        const res = await call(h, post(wrong), { id: project.id });
        expect(res).toEqual({ status: 404, body: { error: { code: "not_found", message: "Project not found" } } });
      }
      session.user = admin;
      expect((await call(h, post({ n: "x" }), { id: "no-such-project" })).status).toBe(404);
      expect(entered).toEqual([member.id, admin.id]);
    });

    it("gives members 403 and others 404 where the route needs an admin of the project", async () => {
      const { project, member, outsider, admin } = await setup();
      let entered = 0;
      const h = handler({ access: "user", project: "admin", body }, () => ({ entered: ++entered }));
      session.user = member;
      expect((await call(h, post({}), { id: project.id })).body.error.code).toBe("forbidden");
      session.user = outsider;
      expect((await call(h, post({}), { id: project.id })).status).toBe(404);
      expect(entered).toBe(0);
      session.user = admin;
      expect(await call(h, post({ n: 1 }), { id: project.id })).toEqual({ status: 200, body: { entered: 1 } });
    });
  });

  it("hides unexpected errors behind a generic 500 and logs the real one", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const h = handler({ access: "public" }, () => {
      throw new Error("connection string postgresql://u:hunter2@db leaked");
    });
    const res = await call(h, post({}));
    expect(res).toEqual({
      status: 500,
      body: { error: { code: "internal", message: "Something went wrong on the server" } },
    });
    expect(JSON.stringify(res.body)).not.toContain("hunter2");
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  describe("cross-site requests", () => {
    const send = (method: string, headers: Record<string, string>, body?: string) =>
      new Request("http://test/api/x", { method, headers, body });
    const ok = handler({ access: "user", body: z.object({ n: z.number().optional() }) }, () => ({ done: true }));

    beforeEach(() => {
      session.user = admin;
    });

    it("refuses a state change without a same-origin Origin, whatever the method", async () => {
      for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
        const noOrigin = await call(ok, send(method, { "content-type": "application/json" }, "{}"));
        expect(noOrigin.status).toBe(403);
        expect(noOrigin.body.error.code).toBe("csrf");
        const sibling = await call(
          ok,
          send(method, { origin: "https://evil.test", "content-type": "application/json" }, "{}"),
        );
        expect(sibling.status).toBe(403);
        expect(
          (await call(ok, send(method, { origin: "null", "content-type": "application/json" }, "{}"))).status,
        ).toBe(403);
      }
      // Reading stays open to links from anywhere.
      expect((await call(ok, send("GET", { origin: "https://evil.test" }))).status).toBe(200);
    });

    it("accepts our own origin, by Origin or by Sec-Fetch-Site", async () => {
      expect(
        (await call(ok, send("POST", { origin: "http://test", "content-type": "application/json" }, '{"n":1}'))).status,
      ).toBe(200);
      expect(
        (await call(ok, send("POST", { "sec-fetch-site": "same-origin", "content-type": "application/json" }, "{}")))
          .status,
      ).toBe(200);
      expect((await call(ok, send("DELETE", { origin: "http://test" }))).status).toBe(200);
      // Sec-Fetch-Site does not outvote a foreign Origin.
      const both = send(
        "POST",
        { origin: "https://evil.test", "sec-fetch-site": "same-origin", "content-type": "application/json" },
        "{}",
      );
      expect((await call(ok, both)).status).toBe(403);
    });

    it("refuses a recording GET that a browser says another site's page sent, with a cookie", async () => {
      const records = handler({ access: "user", recordsOnGet: true }, () => ({ recorded: true }));
      for (const site of ["cross-site", "same-site"]) {
        const res = await call(records, send("GET", { "sec-fetch-site": site }));
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe("csrf");
        // A plain read stays open to links from anywhere.
        expect((await call(ok, send("GET", { "sec-fetch-site": site }))).status).toBe(200);
      }
      // Our own page, the user typing the address or opening a bookmark, and clients that are not browsers.
      const ours: Record<string, string>[] = [{ "sec-fetch-site": "same-origin" }, { "sec-fetch-site": "none" }, {}];
      for (const headers of ours) expect((await call(records, send("GET", headers))).status).toBe(200);
    });

    it("answers 415 to bodies an HTML form can send", async () => {
      for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
        const res = await call(ok, send("POST", { origin: "http://test", "content-type": type }, '{"n":1}'));
        expect(res.status).toBe(415);
        expect(res.body.error.code).toBe("unsupported_media_type");
      }
      expect((await call(ok, send("POST", { origin: "http://test", "content-length": "7" }, '{"n":1}'))).status).toBe(
        415,
      );
    });

    it("takes file types on upload routes only", async () => {
      const upload = handler({ access: "user", upload: true }, () => ({ done: true }));
      const file = { origin: "http://test", "content-type": "application/octet-stream" };
      expect((await call(upload, send("POST", file, "a,b"))).status).toBe(200);
      expect((await call(ok, send("POST", file, "a,b"))).status).toBe(415);
      expect(
        (await call(upload, send("POST", { ...file, "content-type": "application/x-www-form-urlencoded" }, "a")))
          .status,
      ).toBe(415);
      expect((await call(upload, send("POST", { "content-type": "application/octet-stream" }, "a"))).status).toBe(403);
    });

    it("leaves bearer-token requests to the token check: they carry no cookie authority", async () => {
      const res = await call(
        ok,
        send("POST", { authorization: "Bearer pw_unknown", "content-type": "application/json" }, "{}"),
      );
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("invalid_token");
    });
  });
});
