import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { jsonl } from "@/lib/imports/test-helpers";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { TEST_ORIGIN } from "@/lib/testing/requests";

// A small limit for this file only (the env is read once, on first use).
process.env.IMPORT_MAX_BYTES = "2048";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  sessionAccountDeactivated: async () => false,
}));

const prompts = await import("./prompts/route");
const pairs = await import("./pairs/route");
const preview = await import("./preview/route");
const history = await import("./route");
const list = await import("../prompts/route");

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

function streamOf(...parts: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const queue = parts.map((p) => (typeof p === "string" ? new TextEncoder().encode(p) : p));
  return new ReadableStream({ pull: (c) => (queue.length ? c.enqueue(queue.shift()!) : c.close()) });
}

async function call(route: Route, projectId: string, init: RequestInit & { query?: string } = {}) {
  const { query = "", ...rest } = init;
  const headers = { origin: TEST_ORIGIN, ...(rest.headers as Record<string, string> | undefined) };
  const req = new Request(`http://test/api/projects/${projectId}/x${query}`, {
    method: "POST",
    duplex: "half",
    ...rest,
    headers,
  } as RequestInit);
  const res = await route(req, { params: Promise.resolve({ id: projectId }) });
  return { status: res.status, body: await res.json() };
}

const raw = (body: BodyInit, headers: Record<string, string> = {}) => ({
  body,
  headers: { origin: TEST_ORIGIN, "content-type": "application/octet-stream", ...headers },
});

async function project(generationMode: "IMPORTED" | "STRONG_WEAK" = "STRONG_WEAK") {
  const admin = await createTestUser({ role: "ADMIN" });
  session.user = { id: admin.id, email: admin.email, name: null, role: "ADMIN" };
  return createTestProject({ createdById: admin.id, generationMode });
}

describe("import routes", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("imports a file sent as the raw body, and pasted text sent as JSON", async () => {
    const p = await project();
    const file = await call(prompts.POST, p.id, {
      ...raw(jsonl({ prompt: "a" }, { prompt: "" })),
      query: "?fileName=a.jsonl",
    });
    expect(file.status).toBe(200);
    expect(file.body.batch).toMatchObject({ fileName: "a.jsonl", imported: 1, invalid: 1, errors: [{ line: 2 }] });
    const pasted = await call(prompts.POST, p.id, {
      body: JSON.stringify({ text: "b\nc\n" }),
      headers: { "content-type": "application/json" },
    });
    expect(pasted.body.batch).toMatchObject({ fileName: null, format: "text", imported: 2 });

    const listed = await call(list.GET, p.id, { method: "GET", query: "?limit=2" });
    expect(listed.body.prompts.map((x: { text: string }) => x.text)).toEqual(["c", "b"]);
    expect(listed.body.total).toBe(3);
    const imports = await call(history.GET, p.id, { method: "GET" });
    expect(imports.body.imports.map((b: { imported: number }) => b.imported)).toEqual([2, 1]);
  });

  it("answers 413 when Content-Length is over IMPORT_MAX_BYTES, and when the body runs over without saying", async () => {
    const p = await project();
    const declared = await call(prompts.POST, p.id, raw("x", { "content-length": "4096" }));
    expect(declared).toEqual({
      status: 413,
      body: { error: { code: "too_large", message: "The file is larger than the 2 KB limit (IMPORT_MAX_BYTES)." } },
    });
    const big = jsonl(...Array.from({ length: 200 }, (_, i) => ({ prompt: `prompt number ${i}` })));
    const streamed = await call(prompts.POST, p.id, raw(streamOf(big.slice(0, 1000), big.slice(1000))));
    expect(streamed.status).toBe(413);
    const pasted = await call(prompts.POST, p.id, {
      body: streamOf(JSON.stringify({ text: big })),
      headers: { "content-type": "application/json" },
    });
    expect(pasted.status).toBe(413);
    expect(await db.prompt.count({ where: { projectId: p.id } })).toBe(0);
    expect(await db.importBatch.count({ where: { projectId: p.id } })).toBe(0);
  });

  it("says Connection: close when it answers before reading the whole upload, and only then", async () => {
    const p = await project();
    const send = async (route: Route, body: BodyInit, query = "") => {
      const req = new Request(`http://test/api/projects/${p.id}/x${query}`, {
        method: "POST",
        duplex: "half",
        ...raw(body),
      } as RequestInit);
      const res = await route(req, { params: Promise.resolve({ id: p.id }) });
      return [res.status, res.headers.get("connection")];
    };
    const big = jsonl(...Array.from({ length: 200 }, (_, i) => ({ prompt: `prompt number ${i}` })));
    expect(await send(prompts.POST, streamOf(big.slice(0, 1000), big.slice(1000)))).toEqual([413, "close"]);
    expect(await send(prompts.POST, streamOf('{"prompt": "ok"}\n', new Uint8Array([0xe9, 0x0a]), "more"))).toEqual([
      422,
      "close",
    ]);
    expect(await send(prompts.POST, streamOf("a\n"), `?mapping=${encodeURIComponent('{"prompt": 3}')}`)).toEqual([
      422,
      "close",
    ]);
    expect(await send(prompts.POST, streamOf("fine\n"))).toEqual([200, null]);
    // The preview reads 64 KiB and leaves the rest of a larger body.
    const preview64k = jsonl(...Array.from({ length: 3000 }, (_, i) => ({ prompt: `a longer prompt, number ${i}` })));
    expect(
      await send(preview.POST, streamOf(preview64k.slice(0, 40_000), preview64k.slice(40_000)), "?partial=1"),
    ).toEqual([200, "close"]);
    expect(await send(preview.POST, streamOf(jsonl({ prompt: "small" })))).toEqual([200, null]);
  });

  it("answers 422 with the parser's message for a file that is not UTF-8", async () => {
    const p = await project();
    const res = await call(prompts.POST, p.id, raw(streamOf('{"prompt": "ok"}\n', new Uint8Array([0x63, 0xe9, 0x0a]))));
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({
      code: "invalid_utf8",
      message: "File is not valid UTF-8 (line 2, byte 18). Save it as UTF-8 and try again.",
    });
  });

  it("refuses a spreadsheet by its name before reading it, saying to save it as CSV", async () => {
    const p = await project("IMPORTED");
    // The start of a real .xlsx: a zip archive, which is not UTF-8 text.
    const xlsx = () =>
      streamOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0xa5, 0xc3, 0x0a]));
    for (const [route, query] of [
      [prompts.POST, "?fileName=Prompts.XLSX"],
      [prompts.POST, "?fileName=prompts.xlsx&format=csv"],
      [pairs.POST, "?fileName=pairs.xls"],
      [preview.POST, "?fileName=prompts.xlsx"],
    ] as const) {
      const res = await call(route, p.id, { ...raw(xlsx()), query });
      expect(res.status, query).toBe(422);
      expect(res.body.error, query).toEqual({
        code: "unknown_format",
        message: "Excel files are not supported: save as CSV.",
      });
    }
    expect(await db.prompt.count({ where: { projectId: p.id } })).toBe(0);
  });

  it("refuses multipart bodies, bad mappings, and pairs for projects that generate candidates", async () => {
    const p = await project();
    const form = new FormData();
    form.set("file", new Blob(["a"]), "a.txt");
    expect((await call(prompts.POST, p.id, { body: form })).status).toBe(415);
    const badMapping = await call(prompts.POST, p.id, {
      ...raw("a"),
      query: `?mapping=${encodeURIComponent('{"prompt": 3}')}`,
    });
    expect(badMapping.body.error.code).toBe("invalid_mapping");
    const wrongMode = await call(pairs.POST, p.id, raw(jsonl({ prompt: "q", chosen: "a", rejected: "b" })));
    expect(wrongMode.status).toBe(409);
    expect(wrongMode.body.error.message).toMatch(/only be imported into a project whose candidates are imported/);
  });

  it("imports pairs into an IMPORTED project", async () => {
    const p = await project("IMPORTED");
    const res = await call(pairs.POST, p.id, raw(jsonl({ question: "q", chosen: "a", rejected: "b" })));
    expect(res.body.batch).toMatchObject({ kind: "PAIRS", imported: 1 });
  });

  it("previews the start of a file, with the columns an import would use", async () => {
    const p = await project("IMPORTED");
    // A stray "prompt" further down does not change what the first record says about the file.
    const start = jsonl(
      { system: "s", question: "q1", chosen: "a", rejected: "b" },
      { prompt: "q2", chosen: "a", rejected: "b" },
    );
    const res = await call(preview.POST, p.id, {
      ...raw(start + '{"system": "s", "quest'),
      query: "?partial=1&fileName=orca.jsonl",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      format: "jsonl",
      columns: ["system", "question", "chosen", "rejected", "prompt"],
      errors: [],
      pairStyle: "orca",
      suggested: {
        prompts: { prompt: "question", system: "system" },
        pairs: { prompt: "question", system: "system", chosen: "chosen", rejected: "rejected" },
      },
    });
    expect(res.body.rows).toHaveLength(2);
  });

  it("previews a file whose first record is longer than the first 64 KiB the preview reads", async () => {
    const p = await project();
    const long = `Summarise this: ${"word ".repeat(18_000)}`; // 90,016 characters
    const file = jsonl({ prompt: long }, { prompt: "short" }, { prompt: long.toUpperCase() });
    const sent = async (body: string, query: string) => {
      const res = await call(preview.POST, p.id, {
        ...raw(streamOf(body.slice(0, 30_000), body.slice(30_000))),
        query,
      });
      expect(res.status).toBe(200);
      return res.body;
    };
    // The whole file, as a script sends it: read until the first record has ended.
    expect(await sent(file, "?fileName=long.jsonl")).toMatchObject({
      rows: [{ prompt: long }, { prompt: "short" }],
      errors: [],
      suggested: { prompts: { prompt: "prompt" } },
    });
    // The browser's first slice ends inside line 1: nothing to show yet, and nothing wrong.
    expect(await sent(file.slice(0, 64 * 1024), "?fileName=long.jsonl&partial=1")).toMatchObject({
      rows: [],
      errors: [],
      truncated: true,
    });
    expect(await sent(file.slice(0, 128 * 1024), "?fileName=long.jsonl&partial=1")).toMatchObject({
      rows: [{ prompt: long }, { prompt: "short" }],
      errors: [],
      suggested: { prompts: { prompt: "prompt" } },
    });
  });

  it("stops reading a preview after a few MB, however long the first record", async () => {
    const p = await project();
    let pulled = 0;
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    const endless = new ReadableStream<Uint8Array>({
      pull: (c) => {
        if (pulled >= 200 * 1024 * 1024) return c.close();
        pulled += chunk.byteLength;
        c.enqueue(chunk);
      },
    });
    const req = new Request(`http://test/api/projects/${p.id}/x?fileName=one-line.txt`, {
      method: "POST",
      duplex: "half",
      ...raw(endless),
    } as RequestInit);
    const res = await preview.POST(req, { params: Promise.resolve({ id: p.id }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("connection")).toBe("close");
    expect(await res.json()).toMatchObject({ rows: [], errors: [], truncated: true });
    expect(pulled).toBeLessThanOrEqual(5 * 1024 * 1024);
  });

  it("is for admins only, and answers 404 for an unknown project", async () => {
    const p = await project();
    expect((await call(prompts.POST, "missing", raw("a"))).status).toBe(404);
    session.user = { id: "u", email: "ann@example.test", name: null, role: "ANNOTATOR" };
    expect((await call(prompts.POST, p.id, raw("a"))).status).toBe(403);
    expect((await call(list.GET, p.id, { method: "GET" })).status).toBe(403);
  });
});
