import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestEndpoint } from "@/lib/testing/factories";
import { carriesSystem, columnsFor } from "./formats";
import { EXPORT_FORMATS, type ExportOptionsInput } from "./options";
import { exportBytes, exportProject } from "./test-helpers";

// The JSONL file (built by PostgreSQL) and the Parquet file (encoded here) come from one
// definition of each format (./formats.ts): for every format and every option, the rows read
// back from both are equal, value for value, in the same order.

const NASTY = 'Ünïcödé 日本語 🎉 "quoted" \\back\\slash\\ tab\there\r\nCRLF\nLF \u0001 end';

let projectId: string;

beforeAll(async () => {
  const { project, pair } = await exportProject("HYBRID", "Be brief.");
  projectId = project.id;
  const endpoint = await createTestEndpoint();
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
});

/** Both files' rows, as JSON values: Parquet's timestamps back to the JSONL's ISO text. */
async function bothFiles(input: ExportOptionsInput) {
  const jsonl = (await exportBytes(projectId, { ...input, type: "jsonl" }))
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const bytes = await exportBytes(projectId, { ...input, type: "parquet" });
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

describe("the system message", () => {
  it("is in the rows of exactly the formats the card says carry it", async () => {
    for (const format of EXPORT_FORMATS) {
      const { jsonl } = await bothFiles({ format });
      expect(JSON.stringify(jsonl).includes("Answer in French."), format).toBe(carriesSystem(format));
    }
  });
});

describe("conversational Parquet", () => {
  it("stores each message list as a list of {role, content} structs, not as JSON text", async () => {
    const bytes = await exportBytes(projectId, { format: "trl_conversational", metadata: true, type: "parquet" });
    const { schema } = parquetMetadata(new Uint8Array(bytes).buffer);
    for (const column of ["prompt", "chosen", "rejected"]) {
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
    expect(row!.chosen).toEqual([{ role: "assistant", content: expect.any(String) }]);
  });
});
