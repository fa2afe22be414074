import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { EvaluationMode, GenerationMode } from "@/lib/generated/prisma/client";
import { ImportFormatError, pairKey, promptKey } from "@/lib/imports";
import { bytes, chunked, jsonl } from "@/lib/imports/test-helpers";
import { importPrompts } from "@/lib/prompts/import-prompts";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { importPairs } from "./import-pairs";
import { chosenIsA } from "./sides";

// Enough rows to pass any buffer on the way to the database.
const ROWS = 1000;

async function setup(generationMode: GenerationMode = "IMPORTED", evaluationMode: EvaluationMode = "HUMAN") {
  const admin = await createTestUser({ role: "ADMIN" });
  const project = await createTestProject({ createdById: admin.id, generationMode, evaluationMode });
  return {
    admin,
    project,
    run: (input: Parameters<typeof importPairs>[0]["input"], extra: object = {}) =>
      importPairs({ projectId: project.id, userId: admin.id, input, ...extra }),
  };
}

const pairsOf = (projectId: string) =>
  db.pair.findMany({
    where: { projectId },
    include: { prompt: true, candidateA: true, candidateB: true },
    orderBy: { id: "asc" },
  });

const trl = (n: number) =>
  jsonl(...Array.from({ length: n }, (_, i) => ({ prompt: `q${i}`, chosen: `good ${i}`, rejected: `bad ${i}` })));

describe("importPairs", () => {
  it("stores TRL pairs as two imported candidates in hashed order, recording the file's choice", async () => {
    const { project, run } = await setup();
    const { batch } = await run(chunked(trl(40), 100), { fileName: "trl.jsonl" });
    expect(batch).toMatchObject({ kind: "PAIRS", format: "jsonl", total: 40, imported: 40, invalid: 0, duplicates: 0 });
    const pairs = await pairsOf(project.id);
    expect(pairs).toHaveLength(40);
    for (const pair of pairs) {
      const i = pair.prompt.text.slice(1);
      const aChosen = chosenIsA(project.id, pairKey(`q${i}`, `good ${i}`, `bad ${i}`));
      expect(pair.sourceLabel).toBe(aChosen ? "A" : "B");
      expect([pair.candidateA.text, pair.candidateB.text]).toEqual(
        aChosen ? [`good ${i}`, `bad ${i}`] : [`bad ${i}`, `good ${i}`],
      );
      expect(pair.candidateA).toMatchObject({ source: "IMPORTED", endpointId: null, role: null, sampleIndex: 0 });
      expect(pair.candidateA.params).toMatchObject({ importId: batch.id });
      expect(pair.implicitLabel).toBeNull();
    }
    // Neither side always wins: annotators cannot learn a position.
    const labels = new Set(pairs.map((p) => p.sourceLabel));
    expect(labels).toEqual(new Set(["A", "B"]));
  });

  it("reads Orca and conversational layouts, and sets implicitLabel in IMPLICIT projects", async () => {
    const { project, run } = await setup("IMPORTED", "IMPLICIT");
    const input = jsonl(
      { system: "You are terse.", question: "2+2?", chosen: "4", rejected: "5" },
      {
        chosen: [
          { role: "system", content: "Answer in one word." },
          { role: "user", content: "Capital of France?" },
          { role: "assistant", content: "Paris" },
        ],
        rejected: [
          { role: "system", content: "Answer in one word." },
          { role: "user", content: "Capital of France?" },
          { role: "assistant", content: "Lyon" },
        ],
      },
    );
    expect((await run(input)).batch).toMatchObject({ imported: 2, invalid: 0 });
    const pairs = await pairsOf(project.id);
    const orca = pairs.find((p) => p.prompt.text === "2+2?")!;
    expect(orca.prompt.system).toBe("You are terse.");
    const chat = pairs.find((p) => p.prompt.text === "Capital of France?")!;
    expect(chat.prompt.system).toBe("Answer in one word.");
    expect(chat.prompt.metadata).toEqual({});
    for (const pair of pairs) expect(pair.implicitLabel).toBe(pair.sourceLabel);
  });

  it("reuses prompts the project has, and skips pairs it already has", async () => {
    const { admin, project, run } = await setup();
    await importPrompts({ projectId: project.id, userId: admin.id, input: jsonl({ prompt: "q0" }) });
    const first = await run(
      trl(3) +
        jsonl(
          { prompt: "q0", chosen: "good 0", rejected: "bad 0" },
          { prompt: "q0", chosen: "other", rejected: "bad 0" },
        ),
    );
    expect(first.batch).toMatchObject({ total: 5, imported: 4, duplicates: 1 });
    expect(await db.prompt.count({ where: { projectId: project.id } })).toBe(3);
    expect(await db.pair.count({ where: { projectId: project.id, prompt: { promptKey: promptKey("q0") } } })).toBe(2);

    const again = await run(trl(3));
    expect(again.batch).toMatchObject({ total: 3, imported: 0, duplicates: 3 });
    expect(await db.pair.count({ where: { projectId: project.id } })).toBe(4);
    expect(await db.candidate.count({ where: { projectId: project.id } })).toBe(8);
  });

  it("undoes everything of a file that fails halfway, but keeps prompts that were there before", async () => {
    const { admin, project, run } = await setup();
    await importPrompts({ projectId: project.id, userId: admin.id, input: jsonl({ prompt: "q1" }) });
    const err = await run(chunked(bytes(trl(ROWS + 200), [0xff, 0x0a]), 8192)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFormatError);
    expect((err as ImportFormatError).code).toBe("invalid_utf8");
    expect(await db.pair.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.candidate.count({ where: { projectId: project.id } })).toBe(0);
    expect((await db.prompt.findMany({ where: { projectId: project.id } })).map((p) => p.text)).toEqual(["q1"]);
    expect(await db.importBatch.count({ where: { projectId: project.id, kind: "PAIRS" } })).toBe(0);
  });

  it("stores a file of many batches whole, prompts shared across batches stored once", async () => {
    const { project, run } = await setup();
    // ~3 MB: several 1 MB batches; each prompt has three pairs, spread far apart in the file.
    const rows = Array.from({ length: 9000 }, (_, i) => ({
      prompt: `shared prompt ${i % 3000}`,
      chosen: `good ${i} ${"x".repeat(150)}`,
      rejected: `bad ${i} ${"y".repeat(150)}`,
    }));
    const { batch } = await run(chunked(jsonl(...rows), 64 * 1024));
    expect(batch).toMatchObject({ total: 9000, imported: 9000, duplicates: 0 });
    expect(await db.prompt.count({ where: { projectId: project.id } })).toBe(3000);
    expect(await db.pair.count({ where: { projectId: project.id } })).toBe(9000);
    expect(await db.candidate.count({ where: { projectId: project.id } })).toBe(18000);
    expect((await run(chunked(jsonl(...rows.slice(0, 10)), 64 * 1024))).batch).toMatchObject({
      imported: 0,
      duplicates: 10,
    });
  });

  it("refuses a pair whose prompt the file or the project has in another form, naming both", async () => {
    const { admin, project, run } = await setup();
    await importPrompts({
      projectId: project.id,
      userId: admin.id,
      input: jsonl({ prompt: "Café", system: "Be brief." }),
    });
    const { batch } = await run(
      jsonl(
        { prompt: "Tab\tprompt", chosen: "a", rejected: "b" },
        { prompt: "Tab prompt", chosen: "c", rejected: "d" }, // another form of line 1's
        { prompt: "Tab\tprompt", chosen: "e", rejected: "f" }, // line 1's exactly: a second pair
        { prompt: "Cafe\u0301", chosen: "g", rejected: "h" }, // the project's, decomposed
        { prompt: "Café", chosen: "i", rejected: "j" }, // the project's, without its system message
        { prompt: "Café", system: "Be brief.", chosen: "k", rejected: "l" },
        { prompt: "Tab\tprompt", chosen: "a", rejected: "b" }, // line 1's pair again: a duplicate
      ),
    );
    expect(batch).toMatchObject({ total: 7, imported: 3, invalid: 3, duplicates: 1 });
    expect(batch.errors).toEqual([
      {
        line: 2,
        message:
          'line 2: the prompt "Tab prompt" matches line 1\'s "Tab\\tprompt" only with whitespace and Unicode form ignored; a project keeps one text per prompt, so make the two identical to import this pair under it',
      },
      {
        line: 4,
        message: expect.stringMatching(/^line 4: the prompt "Cafe\\u0301" matches the project's "Café" only with/),
      },
      {
        line: 5,
        message:
          'line 5: the prompt is the project\'s with another system message (none here, "Be brief." there); a project keeps one system message per prompt, so give the two the same one',
      },
    ]);
    // Every pair stored is exported with the words its row gave.
    const pairs = await pairsOf(project.id);
    expect(pairs.map((p) => [p.prompt.text, p.prompt.system]).sort()).toEqual([
      ["Café", "Be brief."],
      ["Tab\tprompt", null],
      ["Tab\tprompt", null],
    ]);
  });

  it("refuses another form of a prompt many batches after its first row", async () => {
    const { project, run } = await setup();
    // ~2 MB of pairs first: the prompt's first form was stored batches before the clashing row.
    const rows = Array.from({ length: 6000 }, (_, i) => ({
      prompt: `p ${i % 10}`,
      chosen: `good ${i} ${"x".repeat(150)}`,
      rejected: `bad ${i} ${"y".repeat(150)}`,
    }));
    const { batch } = await run(chunked(jsonl(...rows, { prompt: "p  3", chosen: "c", rejected: "d" }), 64 * 1024));
    expect(batch).toMatchObject({ total: 6001, imported: 6000, invalid: 1 });
    expect(batch.errors).toEqual([
      { line: 6001, message: expect.stringMatching(/^line 6001: the prompt "p {2}3" matches line 4's "p 3"/) },
    ]);
    expect(await db.prompt.count({ where: { projectId: project.id } })).toBe(10);
  });

  it("reports bad rows with their line", async () => {
    const { run } = await setup();
    const input = jsonl(
      { prompt: "q", chosen: "same", rejected: "same" },
      { prompt: "q", chosen: "a" },
      { prompt: "q", chosen: "a", rejected: "b" },
    );
    const { batch } = await run(input);
    expect(batch).toMatchObject({ imported: 1, invalid: 2 });
    expect(batch.errors).toEqual([
      { line: 1, message: "line 1: chosen and rejected are identical" },
      { line: 2, message: expect.stringMatching(/^line 2: column "rejected"/) },
    ]);
  });

  it("refuses projects that generate their candidates, and plain text files", async () => {
    const generated = await setup("STRONG_WEAK");
    await expect(generated.run(trl(1))).rejects.toMatchObject({ code: "wrong_generation_mode" });
    expect(await db.prompt.count({ where: { projectId: generated.project.id } })).toBe(0);
    const imported = await setup();
    await expect(imported.run("just a line\n", { fileName: "x.txt" })).rejects.toMatchObject({
      code: "unsupported_format",
    });
  });
});
