import { zipSync } from "fflate";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { settingsKey } from "@/lib/documents/settings-key";
import { MAX_ZIP_BYTES, MAX_ZIP_FILES } from "@/lib/documents/zip";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { TEST_ORIGIN } from "@/lib/testing/requests";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  sessionAccountDeactivated: async () => false,
}));

const documents = await import("./route");
const one = await import("./[documentId]/route");
const preview = await import("./preview/route");
const settings = await import("./settings/route");

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(route: Route, params: Record<string, string>, init: RequestInit & { query?: string } = {}) {
  const { query = "", ...rest } = init;
  const req = new Request(`http://test/api/projects/${params.id}/documents${query}`, {
    method: "POST",
    ...rest,
    headers: { origin: TEST_ORIGIN, ...(rest.headers as Record<string, string> | undefined) },
  });
  const res = await route(req, { params: Promise.resolve(params) });
  return { status: res.status, body: await res.json() };
}

const enc = (text: string) => new TextEncoder().encode(text);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const json = (body: unknown) => ({ body: JSON.stringify(body), headers: { "content-type": "application/json" } });
const file = (name: string, content: string | Uint8Array) => ({
  name,
  data: b64(typeof content === "string" ? enc(content) : content),
});
const article = (word: string) =>
  Array.from({ length: 40 }, (_, i) => `The ${word} article makes its point number ${i} quite clearly.`).join(" ");

async function project() {
  const admin = await createTestUser({ role: "ADMIN" });
  session.user = { id: admin.id, email: admin.email, name: null, role: "ADMIN" };
  return createTestProject({ createdById: admin.id });
}

describe("document routes", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("stores several files and pasted text in one upload, and reports each file", async () => {
    const p = await project();
    const html = `<html><head><title>Web page</title></head><body><nav>Menu</nav><p>${article("html")}</p></body></html>`;
    const res = await call(
      documents.POST,
      { id: p.id },
      json({
        files: [
          file("a.txt", article("text")),
          file("b.md", `# Markdown title\n\n${article("markdown")}`),
          file("c.html", html),
          file("d.pdf", "%PDF-1.4"),
          file("e.txt", new Uint8Array([0x48, 0xff, 0xfe, 0x21])),
          file("f.html", "<script>only()</script><nav>menu</nav>"),
          file("g.txt", `With a NUL\u0000 in it. ${article("nul")}`),
        ],
        pasted: [{ title: "Pasted note", text: article("pasted") }],
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.documents.map((d: { name: string; status: string }) => [d.name, d.status])).toEqual([
      ["a.txt", "stored"],
      ["b.md", "stored"],
      ["c.html", "stored"],
      ["d.pdf", "refused"],
      ["e.txt", "refused"],
      ["f.html", "refused"],
      ["g.txt", "stored"],
      ["Pasted note", "stored"],
    ]);
    expect(res.body.documents[3].reason).toMatch(/type is not supported/);
    expect(res.body.documents[4].reason).toMatch(/not UTF-8/);
    expect(res.body.documents[5].reason).toMatch(/no text once cleaned/);
    expect(res.body).toMatchObject({ stored: 5, duplicates: 0, refused: 3, nulRemoved: 1 });

    const list = await call(documents.GET, { id: p.id }, { method: "GET" });
    const titles = list.body.documents.map((d: { title: string }) => d.title).sort();
    expect(titles).toEqual(["Markdown title", "Pasted note", "Web page", "a.txt", "g.txt"]);
    // Chunked on upload under the project's settings (1,000–2,000 by default).
    for (const d of list.body.documents) expect(d.chunks).toBeGreaterThanOrEqual(1);

    const web = list.body.documents.find((d: { title: string }) => d.title === "Web page");
    const shown = await call(one.GET, { id: p.id, documentId: web.id }, { method: "GET" });
    expect(shown.body.document.rawText).toBe(html);
    expect(shown.body.document.cleanText).toBe(article("html"));
  });

  it("reports a re-upload as a duplicate, within one upload and across uploads", async () => {
    const p = await project();
    const first = await call(
      documents.POST,
      { id: p.id },
      json({ files: [file("a.txt", article("x")), file("copy.txt", article("x"))] }),
    );
    expect(first.body.documents.map((d: { status: string }) => d.status)).toEqual(["stored", "duplicate"]);
    const again = await call(documents.POST, { id: p.id }, json({ files: [file("renamed.txt", article("x"))] }));
    expect(again.body.documents[0]).toMatchObject({
      status: "duplicate",
      documentId: first.body.documents[0].documentId,
    });
    expect(await db.document.count({ where: { projectId: p.id } })).toBe(1);
  });

  it("refuses an upload to an archived project, storing nothing, and takes it once the project is unarchived", async () => {
    const p = await project();
    await db.project.update({ where: { id: p.id }, data: { archivedAt: new Date() } });
    const upload = json({ files: [file("a.txt", article("archived"))] });
    const refused = await call(documents.POST, { id: p.id }, upload);
    expect(refused).toEqual({
      status: 409,
      body: { error: { code: "archived", message: "This project is archived; unarchive it to upload documents" } },
    });
    expect(await db.document.count({ where: { projectId: p.id } })).toBe(0);
    await db.project.update({ where: { id: p.id }, data: { archivedAt: null } });
    expect((await call(documents.POST, { id: p.id }, upload)).body.stored).toBe(1);
  });

  it("opens a zip sent as the raw body, skipping folders and macOS metadata and refusing nested archives", async () => {
    const p = await project();
    const zip = zipSync({
      "docs/one.txt": enc(article("one")),
      "docs/two.md": enc(`# Two\n\n${article("two")}`),
      "docs/inner.zip": zipSync({ "x.txt": enc("x") }),
      "__MACOSX/docs/._one.txt": enc("junk"),
      "docs/empty/": new Uint8Array(0),
    });
    const res = await call(
      documents.POST,
      { id: p.id },
      {
        body: zip,
        headers: { "content-type": "application/octet-stream" },
        query: "?fileName=docs.zip",
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.documents.map((d: { name: string; status: string }) => [d.name, d.status])).toEqual([
      ["docs.zip/docs/inner.zip", "refused"],
      ["docs.zip/docs/one.txt", "stored"],
      ["docs.zip/docs/two.md", "stored"],
    ]);
  });

  it("refuses a damaged entry of a zip, naming it, and stores the archive's other files", async () => {
    const p = await project();
    const zip = zipSync({
      "good.txt": [enc(article("good")), { level: 0 }],
      "bad.txt": [enc(article("bad")), { level: 0 }],
    });
    const at = Buffer.from(zip).indexOf(article("bad"));
    zip[at] = zip[at]! ^ 0x20;
    const res = await call(
      documents.POST,
      { id: p.id },
      { body: zip, headers: { "content-type": "application/octet-stream" }, query: "?fileName=docs.zip" },
    );
    expect(res.status).toBe(200);
    expect(res.body.documents).toEqual([
      {
        name: "docs.zip/bad.txt",
        status: "refused",
        reason: "it is damaged: its bytes do not match the archive's checksum",
      },
      expect.objectContaining({ name: "docs.zip/good.txt", status: "stored" }),
    ]);
    expect(await db.document.count({ where: { projectId: p.id } })).toBe(1);
  });

  it("refuses a zip bomb and a zip of too many files without storing anything from them", async () => {
    const p = await project();
    const bomb = zipSync({ "big.txt": new Uint8Array(MAX_ZIP_BYTES + 1).fill(0x61) }, { level: 9 });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const many = zipSync(
      Object.fromEntries(Array.from({ length: MAX_ZIP_FILES + 1 }, (_, i) => [`f${i}.txt`, enc(`File ${i}.`)])),
    );
    const res = await call(
      documents.POST,
      { id: p.id },
      json({ files: [file("bomb.zip", bomb), file("many.zip", many)] }),
    );
    expect(res.body.documents).toEqual([
      { name: "bomb.zip", status: "refused", reason: expect.stringMatching(/expands to more than 100 MB/) },
      { name: "many.zip", status: "refused", reason: expect.stringMatching(/more than 1000 files/) },
    ]);
    expect(await db.document.count({ where: { projectId: p.id } })).toBe(0);
  });

  it("refuses an upload whose files and zip entries together hold more than 100 MB of text, naming where", async () => {
    const p = await project();
    // Two archives each within the 100 MB a zip may hold; together past what one upload may decode.
    const tenMillion = new Uint8Array(10_000_000).fill(0x61);
    const sixFiles = (prefix: string) =>
      zipSync(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`${prefix}${i}.txt`, tenMillion])), { level: 1 });
    const res = await call(
      documents.POST,
      { id: p.id },
      json({
        files: [file("small.txt", article("small")), file("a.zip", sixFiles("a")), file("b.zip", sixFiles("b"))],
      }),
    );
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("upload_too_large");
    expect(res.body.error.message).toMatch(
      /more than 100 MB of text .*DOCUMENT_UPLOAD_MAX_TEXT_BYTES.*"b\.zip\/b4\.txt"/,
    );
    expect(await db.document.count({ where: { projectId: p.id } })).toBe(0);
  });

  it("names at most 1,000 refused files in its report and counts the rest", async () => {
    const p = await project();
    const archives = zipSync(
      Object.fromEntries(Array.from({ length: 1200 }, (_, i) => [`nested${i}.zip`, new Uint8Array(0)])),
    );
    const res = await call(documents.POST, { id: p.id }, json({ files: [file("many.zip", archives)] }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ refused: 1200, refusedNotListed: 200, stored: 0 });
    expect(res.body.documents).toHaveLength(1000);
  });

  it("refuses pasted text with a NUL, multipart bodies, and an empty upload", async () => {
    const p = await project();
    const nul = await call(documents.POST, { id: p.id }, json({ pasted: [{ title: "t", text: "a\u0000b" }] }));
    expect(nul.status).toBe(422);
    const form = new FormData();
    form.set("file", new Blob(["x"]), "a.txt");
    expect((await call(documents.POST, { id: p.id }, { body: form })).status).toBe(415);
    expect((await call(documents.POST, { id: p.id }, json({}))).status).toBe(422);
  });

  it("previews settings without storing them, saves them, and deletes a document with its chunks", async () => {
    const p = await project();
    const up = await call(
      documents.POST,
      { id: p.id },
      json({
        pasted: [
          { title: "Long", text: article("long") },
          { title: "Short", text: "Short one." },
        ],
      }),
    );
    const chosen = { minChars: 200, maxChars: 400, overlapSentences: 1, shortDocuments: "DROP" as const };
    const pre = await call(preview.POST, { id: p.id }, json(chosen));
    expect(pre.status).toBe(200);
    const { preview: result } = pre.body;
    expect(result).toMatchObject({ documents: 2, droppedDocuments: 1 });
    expect(result.histogram.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(result.chunks);
    expect(result.longest.length).toBeLessThanOrEqual(400);
    expect(result.shortest.length).toBeGreaterThanOrEqual(200);
    expect(await db.project.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ chunkMinChars: 1000 });

    const bad = await call(settings.PUT, { id: p.id }, { ...json({ ...chosen, minChars: 500 }), method: "PUT" });
    expect(bad.status).toBe(422);
    // A maximum of a few characters would make millions of chunks of a book: refused, by name.
    const tiny = await call(
      settings.PUT,
      { id: p.id },
      { ...json({ ...chosen, minChars: 1, maxChars: 1 }), method: "PUT" },
    );
    expect(tiny.status).toBe(422);
    expect(JSON.stringify(tiny.body)).toContain("maximum must be at least 100 characters");
    const saved = await call(settings.PUT, { id: p.id }, { ...json(chosen), method: "PUT" });
    expect(saved.body).toEqual({ settings: chosen, chunks: result.chunks });
    expect((await call(settings.GET, { id: p.id }, { method: "GET" })).body.settings).toEqual(chosen);
    // A document shows where its chunks under the saved settings lie in its cleaned text.
    const long = up.body.documents.find((d: { title: string }) => d.title === "Long");
    const { document: shown } = (await call(one.GET, { id: p.id, documentId: long.documentId }, { method: "GET" }))
      .body;
    const stored = await db.chunk.findMany({
      where: { documentId: long.documentId, settingsKey: settingsKey(chosen) },
      orderBy: { index: "asc" },
    });
    expect(stored.length).toBeGreaterThan(1);
    expect(shown.chunks).toEqual(stored.map((c) => ({ index: c.index, start: c.start, end: c.end })));
    for (const c of stored) expect(shown.cleanText.slice(c.start, c.end)).toBe(c.text);

    const id = up.body.documents[0].documentId;
    expect((await call(one.DELETE, { id: p.id, documentId: id }, { method: "DELETE" })).status).toBe(200);
    expect(await db.chunk.count({ where: { documentId: id } })).toBe(0);
    expect((await call(one.GET, { id: p.id, documentId: id }, { method: "GET" })).status).toBe(404);
  });

  it("refuses chunking settings saved on a form loaded before another admin's save, naming them", async () => {
    const p = await project();
    const loaded = { minChars: 1000, maxChars: 2000, overlapSentences: 0, shortDocuments: "KEEP" };
    const first = session.user!;
    await db.user.update({ where: { id: first.id }, data: { name: "Ana" } });
    const put = (body: unknown) => call(settings.PUT, { id: p.id }, { ...json(body), method: "PUT" });
    expect((await put({ ...loaded, minChars: 500, expected: loaded })).status).toBe(200);

    const other = await createTestUser({ role: "ADMIN" });
    session.user = { id: other.id, email: other.email, name: null, role: "ADMIN" };
    const stale = await put({ ...loaded, maxChars: 3000, expected: loaded });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("edit_conflict");
    expect(stale.body.error.message).toContain(`changed by Ana (${first.email}) at `);
    expect(stale.body.error.message).toContain("since you opened them (Shortest chunk)");
    expect(await db.project.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
      chunkMinChars: 500,
      chunkMaxChars: 2000,
    });
    // A script that sends no expected settings is not checked.
    expect((await put({ ...loaded, maxChars: 3000 })).status).toBe(200);
  });
});
