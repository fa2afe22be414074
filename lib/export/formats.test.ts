import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestEndpoint } from "@/lib/testing/factories";
import { carriesSystem, columnsFor } from "./formats";
import { EXPORT_FORMATS, SFT_FORMATS, type ExportOptionsInput } from "./options";
import { exportBytes, exportProject } from "./test-helpers";

// The JSONL file (built by PostgreSQL) and the Parquet file (encoded here) come from one
// definition of each format (./formats.ts): for every format and every option, the rows read
// back from both are equal, value for value, in the same order.

const NASTY = 'Ünïcödé 日本語 🎉 "quoted" \\back\\slash\\ tab\there\r\nCRLF\nLF \u0001 end';

let projectId: string;
/** An instruction run of the project, with kept items (and a dropped one). */
let runId: string;

/** Three kept items (two of one instruction) and a dropped one, from one passage of one document. */
async function instructionRun(projectId: string, userId: string) {
  const doc = await db.document.create({
    data: {
      projectId,
      title: "On bread",
      format: "TEXT",
      rawText: "t",
      cleanText: "t",
      checksum: `sum ${projectId}`,
      byteSize: 1,
      createdById: userId,
    },
  });
  const chunk = await db.chunk.create({
    data: { projectId, documentId: doc.id, settingsKey: "k", index: 2, text: "t", start: 0, end: 1 },
  });
  const run = await db.run.create({
    data: { projectId, kind: "DOC_INSTRUCTIONS", status: "COMPLETED", createdById: userId },
  });
  const item = (itemIndex: number, instruction: string, status: "KEPT" | "DROPPED" = "KEPT") => ({
    runId: run.id,
    chunkId: chunk.id,
    documentId: doc.id,
    itemIndex,
    instruction,
    answer: `answer ${itemIndex} ${NASTY}`,
    status,
  });
  await db.docItem.createMany({
    data: [
      item(0, `How is bread made? ${NASTY}`),
      item(1, "Why does dough rise?"),
      item(2, "Why does dough rise?"),
      { ...item(3, "According to the text?", "DROPPED"), droppedAt: "SOURCE_MENTION" as const },
    ],
  });
  return run.id;
}

beforeAll(async () => {
  const { project, pair } = await exportProject("HYBRID", "Be brief.");
  projectId = project.id;
  runId = await instructionRun(project.id, project.createdById);
  const endpoint = await createTestEndpoint({ name: `judge ${NASTY}` });
  await db.projectEndpoint.create({ data: { projectId: project.id, endpointId: endpoint.id, role: "JUDGE" } });
  const judged = await pair({ prompt: `judged ${NASTY}`, a: `a ${NASTY}`, judge: { status: "AGREED", label: "B" } });
  const judgment = {
    projectId: project.id,
    pairId: judged.id,
    endpointId: endpoint.id,
    status: "OK" as const,
    rawText: "{}",
  };
  await db.judgment.create({
    data: { ...judgment, swapped: true, winner: "B", scoreA: 3, scoreB: 8, rationale: `B ${NASTY}` },
  });
  await db.judgment.create({ data: { ...judgment, swapped: false, winner: "B", scoreA: null, scoreB: 7 } });
  // Adjudicated against the judge: its verdicts name the rejected answer, and a tie.
  const overruled = await pair({ prompt: "overruled", judge: { status: "AGREED", label: "B" }, adjudication: "A" });
  await db.judgment.create({
    data: { ...judgment, pairId: overruled.id, swapped: false, winner: "TIE", scoreA: 5, scoreB: 5, rationale: "tie" },
  });
  await db.judgment.create({
    data: { ...judgment, pairId: overruled.id, swapped: true, winner: "B", scoreA: 2, scoreB: 6 },
  });
  for (let i = 0; i < 12; i++) {
    const p = await pair({
      prompt: i % 4 === 0 ? `shared ${i % 8}` : `prompt ${i}`,
      system: i % 3 === 0 ? "Answer in French." : undefined,
      votes:
        i % 5 === 0
          ? [{ choice: "A" }, { choice: "A" }, { choice: "B" }]
          : [{ choice: i % 2 ? "A" : "B", editedText: i === 3 ? "edited" : undefined }],
      a: `a${i}`,
      b: `b${i}`,
    });
    if (i % 4 === 0)
      await pair({ promptId: p.promptId, judge: { status: "AGREED", label: "A" }, a: `ja${i}`, b: `jb${i}` });
  }
  await pair({ prompt: "flagged", votes: [{ choice: "B", flags: ["unsafe"] }] });
  // Agreement against the chosen side: 0 for an adjudication overruling the votes, 2/3 with a tie vote.
  await pair({ prompt: "adjudicated", votes: [{ choice: "B" }], adjudication: "A" });
  await pair({ prompt: "tie vote", votes: [{ choice: "A" }, { choice: "TIE" }, { choice: "A" }] });
  await pair({ prompt: "unsure", judge: { status: "UNCERTAIN" } });
  // Written by a person on the Write tab (humanOnly keeps these), beside a model answer.
  await pair({ prompt: "written", a: `by hand ${NASTY}`, aAuthor: project.createdById, votes: [{ choice: "A" }] });
  await pair({ prompt: "written too", b: "by hand", bAuthor: project.createdById, votes: [{ choice: "B" }] });
  // No system message of its own: the one its answers were generated with.
  await pair({ prompt: "generated", generatedWith: "Reply in verse.", votes: [{ choice: "A" }] });
});

/** Both files' rows, as JSON values: Parquet's timestamps back to the JSONL's ISO text. */
async function bothFiles(input: ExportOptionsInput, project = projectId) {
  const jsonl = (await exportBytes(project, { ...input, type: "jsonl" }))
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const bytes = await exportBytes(project, { ...input, type: "parquet" });
  const file = new Uint8Array(bytes).buffer;
  const parquet = (await parquetReadObjects({ file })).map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        v instanceof Date ? v.toISOString() : typeof v === "bigint" ? Number(v) : v,
      ]),
    ),
  );
  return { jsonl, parquet };
}

const OPTIONS: ExportOptionsInput[] = [
  {},
  { includeFlagged: true },
  { dedupe: true },
  { testFraction: 0.5, split: "train", seed: "s1" },
  { testFraction: 0.5, split: "test", seed: "s1" },
  { testCount: 2, split: "all" },
  { minVotes: 2 },
  { minAgreement: 0.9 },
  { sources: "judge" },
  { from: "2026-01-01T00:00:10Z", to: "2026-12-31" },
];

describe("JSONL and Parquet from one definition of each format", () => {
  it.each(EXPORT_FORMATS.flatMap((format) => [false, true].map((metadata) => [format, metadata] as const)))(
    "%s (metadata %s): the same rows in both files",
    async (format, metadata) => {
      const { jsonl, parquet } = await bothFiles({ format, metadata });
      expect(jsonl.length).toBeGreaterThan(10);
      expect(Object.keys(jsonl[0]!)).toEqual(columnsFor({ format, metadata }));
      expect(parquet).toEqual(jsonl);
    },
  );

  it.each(OPTIONS.map((o) => [JSON.stringify(o), o] as const))(
    "with options %s: the same rows in both files",
    async (_, options) => {
      for (const format of EXPORT_FORMATS) {
        const { jsonl, parquet } = await bothFiles({ format, metadata: true, ...options });
        expect(jsonl.length).toBeGreaterThan(0);
        expect(parquet).toEqual(jsonl);
      }
    },
  );
});

describe("the document a chosen answer was copied from", () => {
  it("is named by its title in both files, and only for rows whose chosen answer is a document's extract", async () => {
    const { project, pair } = await exportProject("IMPLICIT");
    const doc = await db.document.create({
      data: {
        projectId: project.id,
        title: `On bread ${NASTY}`,
        format: "TEXT",
        rawText: "t",
        cleanText: "t",
        checksum: `sum ${project.id}`,
        byteSize: 1,
        createdById: project.createdById,
      },
    });
    const chunk = await db.chunk.create({
      data: { projectId: project.id, documentId: doc.id, settingsKey: "k", index: 0, text: "t", start: 0, end: 1 },
    });
    const extract = (candidateId: string) =>
      db.candidate.update({ where: { id: candidateId }, data: { source: "DOCUMENT", chunkId: chunk.id } });
    // The extract chosen, then the extract rejected (an imported answer chosen over it).
    await extract((await pair({ prompt: "extract chosen", implicitLabel: "A" })).candidateAId);
    await extract((await pair({ prompt: "extract rejected", implicitLabel: "B" })).candidateAId);

    for (const format of EXPORT_FORMATS) {
      const { jsonl, parquet } = await bothFiles({ format, metadata: true }, project.id);
      expect(parquet).toEqual(jsonl);
      expect(jsonl.map((r) => [r.source, r.document_title])).toEqual([
        ["document", `On bread ${NASTY}`],
        ["imported", null],
      ]);
    }
    const { jsonl } = await bothFiles({ format: "trl" }, project.id);
    expect(jsonl[0]).not.toHaveProperty("document_title");
  });
});

/** Options only the SFT formats take: human answers only, and an instruction run's items. */
const SFT_OPTIONS: (() => ExportOptionsInput)[] = [
  () => ({ humanOnly: true }),
  () => ({ humanOnly: true, dedupe: true, testCount: 1 }),
  () => ({ run: runId }),
  () => ({ run: runId, dedupe: true }),
  () => ({ run: runId, testCount: 1, split: "test" }),
];

describe("JSONL and Parquet of the SFT formats' own options", () => {
  it.each(SFT_FORMATS.flatMap((format) => SFT_OPTIONS.map((o, i) => [format, i, o] as const)))(
    "%s with SFT option %i: the same rows in both files",
    async (format, _, options) => {
      for (const metadata of [false, true]) {
        const input = { ...options(), format, metadata };
        const { jsonl, parquet } = await bothFiles(input);
        expect(jsonl.length).toBeGreaterThan(0);
        expect(Object.keys(jsonl[0]!)).toEqual(columnsFor({ format, metadata, run: input.run }));
        expect(parquet).toEqual(jsonl);
      }
    },
  );
});

describe("the SFT formats TRL's SFTTrainer reads", () => {
  const byPrompt = <T>(rows: T[], prompt: (r: T) => string, text: string) => rows.find((r) => prompt(r) === text)!;
  const user = (r: { messages: { role: string; content: string }[] }) =>
    r.messages.find((m) => m.role === "user")!.content;

  it("sft_trl: rows of exactly prompt and completion, the chosen answer as a person edited it", async () => {
    for (const options of [{}, { run: runId }]) {
      const { jsonl, parquet } = await bothFiles({ format: "sft_trl", ...options });
      for (const rows of [jsonl, parquet])
        for (const row of rows) {
          expect(Object.keys(row)).toEqual(["prompt", "completion"]);
          expect([typeof row.prompt, typeof row.completion]).toEqual(["string", "string"]);
        }
    }
    const { jsonl } = await bothFiles({ format: "sft_trl" });
    expect(byPrompt(jsonl, (r) => r.prompt, "prompt 3")).toEqual({ prompt: "prompt 3", completion: "edited" });
    const sft = (await bothFiles({ format: "sft" })).jsonl;
    expect(jsonl.map((r) => [r.prompt, r.completion])).toEqual(sft.map((r) => [r.instruction, r.output]));
    const human = (await bothFiles({ format: "sft_trl", humanOnly: true })).jsonl;
    expect(human).toEqual([
      { prompt: "written", completion: `by hand ${NASTY}` },
      { prompt: "written too", completion: "by hand" },
    ]);
  });

  it("sft_conversational: one messages column, the system message first where the row has one", async () => {
    const { jsonl, parquet } = await bothFiles({ format: "sft_conversational" });
    for (const rows of [jsonl, parquet]) {
      for (const row of rows) {
        expect(Object.keys(row)).toEqual(["messages"]);
        for (const m of row.messages) expect(Object.keys(m)).toEqual(["role", "content"]);
        expect(row.messages.map((m: { role: string }) => m.role).slice(-2)).toEqual(["user", "assistant"]);
      }
      // The prompt's own system message, the one its answers were generated with, or none.
      expect(byPrompt(rows, user, "prompt 3").messages).toEqual([
        { role: "system", content: "Answer in French." },
        { role: "user", content: "prompt 3" },
        { role: "assistant", content: "edited" },
      ]);
      expect(byPrompt(rows, user, "generated").messages[0]).toEqual({ role: "system", content: "Reply in verse." });
      expect(byPrompt(rows, user, "prompt 1").messages.map((m: { role: string }) => m.role)).toEqual([
        "user",
        "assistant",
      ]);
    }
    // An instruction run's items have no system prompt: the instruction, then the answer.
    const items = await bothFiles({ format: "sft_conversational", run: runId });
    for (const rows of [items.jsonl, items.parquet]) {
      expect(rows).toHaveLength(3);
      expect(byPrompt(rows, user, `How is bread made? ${NASTY}`)).toEqual({
        messages: [
          { role: "user", content: `How is bread made? ${NASTY}` },
          { role: "assistant", content: `answer 0 ${NASTY}` },
        ],
      });
    }
  });
});

describe("the system message", () => {
  it("is in the rows of exactly the formats the card says carry it", async () => {
    for (const format of EXPORT_FORMATS) {
      const { jsonl } = await bothFiles({ format });
      expect(JSON.stringify(jsonl).includes("Answer in French."), format).toBe(carriesSystem(format));
    }
  });
});

describe("conversational Parquet", () => {
  it.each([
    ["trl_conversational", ["prompt", "chosen", "rejected"]],
    ["sft_conversational", ["messages"]],
  ] as const)(
    "%s stores each message list as a list of {role, content} structs, not as JSON text",
    async (format, columns) => {
      const bytes = await exportBytes(projectId, { format, metadata: true, type: "parquet" });
      const { schema } = parquetMetadata(new Uint8Array(bytes).buffer);
      for (const column of columns) {
        const at = schema.findIndex((e) => e.name === column);
        // The column, its repeated group, the struct and its two string fields, in the LIST layout.
        expect(schema.slice(at, at + 5).map((e) => [e.name, e.repetition_type, e.converted_type ?? e.type])).toEqual([
          [column, "REQUIRED", "LIST"],
          ["list", "REPEATED", undefined],
          ["element", "REQUIRED", undefined],
          ["role", "REQUIRED", "UTF8"],
          ["content", "REQUIRED", "UTF8"],
        ]);
      }
      // The verdicts stay JSON text: their fields may be null, and no trainer reads them.
      expect(schema.find((e) => e.name === "judge_verdicts")?.converted_type).toBe("JSON");
      const [row] = await parquetReadObjects({ file: new Uint8Array(bytes).buffer });
      expect(row![columns.at(-1)!].at(-1)).toEqual({ role: "assistant", content: expect.any(String) });
    },
  );
});
