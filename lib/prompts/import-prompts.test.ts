import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { db } from "@/lib/db";
import { ImportFormatError, promptKey } from "@/lib/imports";
import { bytes, chunked, jsonl } from "@/lib/imports/test-helpers";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { importPrompts } from "./import-prompts";

// Enough rows to pass any buffer on the way to the database.
const ROWS = 1000;

async function setup() {
  const admin = await createTestUser({ role: "ADMIN" });
  const project = await createTestProject({ createdById: admin.id });
  return {
    admin,
    project,
    run: (input: Parameters<typeof importPrompts>[0]["input"], extra: object = {}) =>
      importPrompts({ projectId: project.id, userId: admin.id, input, ...extra }),
  };
}

const promptsOf = (projectId: string) => db.prompt.findMany({ where: { projectId }, orderBy: { id: "asc" } });
const lines = (n: number, text = (i: number) => `prompt ${i}`) =>
  jsonl(...Array.from({ length: n }, (_, i) => ({ prompt: text(i) })));

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("the import should have failed"),
    (err: unknown) => err,
  );
}

describe("importPrompts", () => {
  it("imports valid rows and reports bad ones with their line", async () => {
    const { project, run } = await setup();
    const input = jsonl({ prompt: "one", system: "sys", id: "e1" }, { prompt: "" }, { prompt: "two" }) + "{broken\n";
    const { batch, errorsTruncated } = await run(chunked(input, 7), { fileName: "p.jsonl" });
    expect(batch).toMatchObject({
      kind: "PROMPTS",
      fileName: "p.jsonl",
      format: "jsonl",
      total: 4,
      imported: 2,
      invalid: 2,
      duplicates: 0,
    });
    expect(batch.errors).toEqual([
      { line: 2, message: 'line 2: column "prompt" is empty' },
      { line: 4, message: expect.stringMatching(/^line 4: invalid JSON/) },
    ]);
    expect(errorsTruncated).toBe(false);
    const stored = await promptsOf(project.id);
    expect(stored.map((p) => [p.text, p.system, p.externalId, p.importId, p.promptKey])).toEqual([
      ["one", "sys", "e1", batch.id, promptKey("one")],
      ["two", null, null, batch.id, promptKey("two")],
    ]);
    const saved = await db.importBatch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(saved).toMatchObject({
      total: 4,
      imported: 2,
      invalid: 2,
      duplicates: 0,
      format: "jsonl",
      errors: batch.errors,
    });
  });

  it("keeps the first 100 errors but counts them all", async () => {
    const { run } = await setup();
    const input = Array.from({ length: 300 }, (_, i) =>
      i % 6 === 0 ? JSON.stringify({ prompt: `ok ${i}` }) : "{bad",
    ).join("\n");
    const { batch, errorsTruncated } = await run(input);
    expect(batch).toMatchObject({ total: 300, imported: 50, invalid: 250, duplicates: 0 });
    expect(batch.errors).toHaveLength(100);
    expect(batch.errors[0]!.line).toBe(2);
    expect(batch.errors[99]!.line).toBe(120);
    expect(errorsTruncated).toBe(true);
  });

  it("counts repeats within the file and prompts the project already has as duplicates", async () => {
    const { project, run } = await setup();
    await db.prompt.create({
      data: { projectId: project.id, text: "Already here", promptKey: promptKey("Already here") },
    });
    // Line 2 matches the stored prompt once whitespace is normalised; 3 and 4 repeat lines 1 and 2.
    const { batch } = await run(lines(4, (i) => ["new one", "  Already   here ", "new one", "Already here"][i]!));
    expect(batch).toMatchObject({ total: 4, imported: 1, duplicates: 3, invalid: 0 });
    expect((await promptsOf(project.id)).map((p) => p.text).sort()).toEqual(["Already here", "new one"]);
  });

  it("imports nothing when the same file comes again, counting every row as a duplicate", async () => {
    const { project, run } = await setup();
    const file = lines(ROWS + 500) + "{bad\n";
    expect((await run(chunked(file, 4096))).batch).toMatchObject({ imported: 1500, duplicates: 0, invalid: 1 });
    expect((await run(chunked(file, 4096))).batch).toMatchObject({
      total: 1501,
      imported: 0,
      duplicates: 1500,
      invalid: 1,
    });
    expect(await db.prompt.count({ where: { projectId: project.id } })).toBe(1500);
    expect(await db.importBatch.count({ where: { projectId: project.id } })).toBe(2);
  });

  it("leaves nothing behind when the file turns out not to be UTF-8 after several batches", async () => {
    const { project, run } = await setup();
    const input = bytes(lines(2 * ROWS + 10), '{"prompt": "caf', [0xe9], '"}\n');
    const err = await rejection(run(chunked(input, 16 * 1024), { fileName: "latin1.jsonl" }));
    expect(err).toBeInstanceOf(ImportFormatError);
    expect((err as ImportFormatError).message).toMatch(/not valid UTF-8 \(line 2011/);
    expect(await db.prompt.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.importBatch.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("stores each batch whole or not at all, and undoes earlier batches when a later one fails", async () => {
    const { project, run } = await setup();
    // Only this file's database: a row the database refuses, in the middle of the second batch.
    await db.$executeRawUnsafe(`ALTER TABLE "Prompt" ADD CONSTRAINT "test_no_boom" CHECK ("text" <> 'boom')`);
    try {
      const err = await rejection(run(lines(2500, (i) => (i === 1200 ? "boom" : `prompt ${i}`))));
      expect(err).not.toBeInstanceOf(ImportFormatError);
      expect(await db.prompt.count({ where: { projectId: project.id } })).toBe(0);
      expect(await db.importBatch.count({ where: { projectId: project.id } })).toBe(0);
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE "Prompt" DROP CONSTRAINT "test_no_boom"`);
    }
  });

  it("undoes the import when the upload breaks off", async () => {
    const { project, run } = await setup();
    async function* cutOff() {
      yield* chunked(lines(1500), 8192);
      throw new Error("aborted");
    }
    await expect(run(cutOff())).rejects.toThrow("aborted");
    expect(await db.prompt.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("refuses metadata nested past its bound, or holding a lone surrogate, naming where, and stores the rest", async () => {
    const { project, run } = await setup();
    // Written by hand: JSON.stringify itself runs out of stack on 10,000 levels.
    const nested = (prompt: string, levels: number) =>
      `{"prompt":"${prompt}","meta":${"[".repeat(levels)}${"]".repeat(levels)}}\n`;
    // The metadata record is one level: 99 arrays in it make 100.
    const input =
      nested("deep", 10_000) +
      nested("at the bound", 99) +
      nested("past it", 100) +
      jsonl(
        { prompt: "odd key", meta: { ok: [1, { ["k\udc00"]: 1 }] } },
        { prompt: "odd value", meta: { ok: ["fine", "lone \ud800"] } },
      );
    const { batch } = await run(input);
    expect(batch).toMatchObject({ imported: 1, invalid: 4 });
    const deep = "nests arrays or objects more than 100 levels deep: flatten it, or store it as a string";
    expect(batch.errors.map((e) => e.message)).toEqual([
      `line 1: metadata.meta ${deep}`,
      `line 3: metadata.meta ${deep}`,
      "line 4: metadata.meta.ok[1] has a key that contains an unpaired Unicode surrogate, which cannot be stored",
      "line 5: metadata.meta.ok[1] contains an unpaired Unicode surrogate, which cannot be stored",
    ]);
    expect((await promptsOf(project.id)).map((p) => p.text)).toEqual(["at the bound"]);
  });

  it("removes NUL characters (escaped or raw) and counts them; reports lone surrogates as invalid rows", async () => {
    const { project, run } = await setup();
    const input = jsonl(
      { prompt: "nul\u0000here\u0000", system: "s\u0000" },
      { prompt: "fine", meta: "x" },
      { prompt: "lone \ud800" },
    );
    const { batch } = await run(input);
    expect(batch).toMatchObject({ imported: 2, invalid: 1, nulsRemoved: 3 });
    expect(batch.errors.map((e) => e.message)).toEqual([
      "line 3: prompt contains an unpaired Unicode surrogate, which cannot be stored",
    ]);
    expect((await promptsOf(project.id)).map((p) => [p.text, p.system])).toEqual([
      ["nulhere", "s"],
      ["fine", null],
    ]);
    const text = await run("raw\u0000 nul line\n", { fileName: "x.txt" });
    expect(text.batch).toMatchObject({ imported: 1, nulsRemoved: 1 });
    expect((await promptsOf(project.id)).at(-1)!.text).toBe("raw nul line");
  });

  it("follows a column mapping, keeping metadata columns", async () => {
    const { project, run } = await setup();
    const csv = "q,sys,ref,src,extra\nWhat is 2+2?,Be brief,r1,web,x\nName a colour,,r2,book,y\n";
    const { batch } = await run(csv, {
      fileName: "x.csv",
      mapping: { prompt: "q", system: "sys", externalId: "ref", metadata: ["src"] },
    });
    expect(batch).toMatchObject({ format: "csv", imported: 2 });
    const stored = await promptsOf(project.id);
    expect(stored.map((p) => [p.text, p.system, p.externalId, p.metadata])).toEqual([
      ["What is 2+2?", "Be brief", "r1", { src: "web" }],
      ["Name a colour", null, "r2", { src: "book" }],
    ]);
  });

  it("refuses a bad mapping, an archived project and a missing one before reading anything", async () => {
    const { admin, project, run } = await setup();
    await expect(run("prompt\nx\n", { mapping: { prompt: "" } })).rejects.toMatchObject({ code: "invalid_mapping" });
    const archived = await createTestProject({ createdById: admin.id, archivedAt: new Date() });
    await expect(importPrompts({ projectId: archived.id, userId: admin.id, input: "x" })).rejects.toMatchObject({
      name: "ConflictError",
      code: "archived",
      message: "This project is archived; unarchive it to import into it",
    });
    const missing = await rejection(importPrompts({ projectId: "nope", userId: admin.id, input: "x" }));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ code: "not_found" });
    expect(await db.importBatch.count({ where: { projectId: project.id } })).toBe(0);
  });
});
