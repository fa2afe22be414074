import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestEndpoint } from "@/lib/testing/factories";
import { exportCounts, exportStream } from "./engine";
import { EXPORT_FORMATS, exportOptionsSchema, type ExportCounts, type ExportOptionsInput } from "./options";
import { fileLines, Tally } from "./tally";
import { exportProject, readBack } from "./test-helpers";

// The counts stored with a file come from the same single pass that streams it: they must equal
// what the separate counting query (the export page's preview) says, for every split and type.

async function streamed(projectId: string, input: ExportOptionsInput) {
  let counts: ExportCounts | undefined;
  const parts: Uint8Array[] = [];
  for await (const chunk of exportStream(projectId, exportOptionsSchema.parse(input), {
    counts: (c) => void (counts = c),
  }))
    parts.push(chunk);
  return { bytes: Buffer.concat(parts), counts };
}

async function mixedProject() {
  const { project, pair } = await exportProject("HYBRID", "Be brief.");
  for (let i = 0; i < 24; i++) {
    const p = await pair({
      prompt: `kept ${i} "q" \\ 🎉`,
      votes: [{ choice: i % 2 ? "A" : "B" }],
      a: `a${i}\n`,
      b: `b${i}\t`,
    });
    if (i % 6 === 0) await pair({ promptId: p.promptId, judge: { status: "AGREED", label: "A" } });
  }
  await pair({ prompt: "nobody" });
  await pair({ prompt: "unsure", judge: { status: "UNCERTAIN" } });
  await pair({ prompt: "tie", votes: [{ choice: "TIE" }] });
  await pair({ prompt: "bad", votes: [{ choice: "BOTH_BAD" }] });
  await pair({ prompt: "flagged", votes: [{ choice: "A", flags: ["unsafe"] }] });
  await pair({ prompt: "same", a: " same ", b: "same", votes: [{ choice: "A" }] });
  return project;
}

describe("counts from the stream", () => {
  const cases = (["jsonl", "parquet"] as const).flatMap((type) =>
    (["all", "train", "test"] as const).map((split) => ({ type, split })),
  );

  it.each(cases)("equal the counting query and the file's rows ($type, split $split)", async ({ type, split }) => {
    const project = await mixedProject();
    const input: ExportOptionsInput = {
      type,
      split,
      testFraction: 0.3,
      seed: "s",
      dedupe: true,
      sources: ["human"],
      format: "orca",
      metadata: true,
    };
    const { bytes, counts } = await streamed(project.id, input);
    const expected = await exportCounts(project.id, exportOptionsSchema.parse(input));
    expect(counts).toEqual(expected);
    expect(expected.excluded).toMatchObject({
      unlabelled: 1,
      uncertain: 1,
      tie: 1,
      both_bad: 1,
      flagged: 1,
      identical: 1,
      filtered: 4,
    });
    expect(expected.splits.test).toBeGreaterThan(0);
    const { rows } = await readBack(bytes, type);
    expect(rows).toHaveLength(split === "all" ? expected.splits.train + expected.splits.test : expected.splits[split]);
  });

  it.each(EXPORT_FORMATS)(
    "JSONL lines written by PostgreSQL are compact JSON, as JSON.stringify writes it (%s)",
    async (format) => {
      const project = await mixedProject();
      for (const metadata of [false, true]) {
        const { bytes } = await streamed(project.id, { format, metadata });
        const lines = bytes.toString("utf8").split("\n");
        expect(lines.pop()).toBe("");
        expect(lines).toHaveLength(24 + 4);
        for (const line of lines) expect(line).toBe(JSON.stringify(JSON.parse(line)));
      }
    },
  );

  it("metadata in JSONL (built by PostgreSQL) equals the Parquet file's (built here), judge verdicts included", async () => {
    const { project, pair } = await exportProject("HYBRID");
    const endpoint = await createTestEndpoint({ name: "Judge one" });
    await db.projectEndpoint.create({ data: { projectId: project.id, endpointId: endpoint.id, role: "JUDGE" } });
    // A judge that left the panel: its judgments are kept, and show in no file.
    const retired = await createTestEndpoint({ name: "Retired judge" });
    const judged = await pair({ prompt: "judged", judge: { status: "AGREED", label: "B" } });
    const judgment = {
      projectId: project.id,
      pairId: judged.id,
      endpointId: endpoint.id,
      status: "OK" as const,
      rawText: "{}",
    };
    await db.judgment.create({
      data: { ...judgment, swapped: true, winner: "B", scoreA: 3, scoreB: 8, rationale: 'B is "right"\n🎉' },
    });
    await db.judgment.create({
      data: { ...judgment, swapped: false, winner: "B", scoreA: null, scoreB: 7, model: "judge-model-2026" },
    });
    for (const swapped of [false, true])
      await db.judgment.create({
        data: { ...judgment, endpointId: retired.id, swapped, winner: "A", scoreA: 9, scoreB: 1, rationale: "retired" },
      });
    await pair({ prompt: "voted", votes: [{ choice: "A" }, { choice: "A" }, { choice: "B", editedText: "ignored" }] });
    const jsonl = (await streamed(project.id, { format: "trl", metadata: true })).bytes
      .toString("utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const { rows } = await readBack(
      (await streamed(project.id, { format: "trl", type: "parquet", metadata: true })).bytes,
      "parquet",
      "* REPLACE (strftime(created_at, '%Y-%m-%dT%H:%M:%S.%g') || 'Z' AS created_at, judge_verdicts::VARCHAR AS judge_verdicts, prompt_metadata::VARCHAR AS prompt_metadata)",
    );
    expect(jsonl).toEqual(
      rows.map((r) => ({
        ...r,
        judge_verdicts: JSON.parse(String(r.judge_verdicts)),
        prompt_metadata: JSON.parse(String(r.prompt_metadata)),
      })),
    );
    expect(jsonl[0]).toMatchObject({
      prompt: "judged",
      label_source: "judge",
      votes: 0,
      agreement: null,
      judge_rationale: 'B is "right"\n🎉',
      judge_verdicts: [
        {
          judge: "Judge one",
          model: "judge-model-2026",
          shown_first: "rejected",
          winner: "chosen",
          score_chosen: 7,
          score_rejected: null,
        },
        {
          judge: "Judge one",
          model: "test-model",
          shown_first: "chosen",
          winner: "chosen",
          score_chosen: 8,
          score_rejected: 3,
        },
      ],
    });
    expect(jsonl[1]).toMatchObject({
      prompt: "voted",
      label_source: "human",
      votes: 3,
      agreement: 2 / 3,
      judge_verdicts: [],
      chosen_edited: false,
    });
  });

  it("lines are counted and kept whatever the chunk boundaries", async () => {
    const text = '{"a":1}\n#tie\n#test{"b":"#x{"}\n{"c":"\\n"}\n#filtered\n#test{"d":2}\n';
    const input = Buffer.from(text);
    for (let cut = 0; cut <= input.length; cut++) {
      for (let cut2 = cut; cut2 <= input.length; cut2 += 7) {
        const tally = new Tally();
        async function* chunks() {
          yield input.subarray(0, cut);
          yield input.subarray(cut, cut2);
          yield input.subarray(cut2);
        }
        const out: Uint8Array[] = [];
        for await (const piece of fileLines(chunks(), tally, "train")) out.push(piece);
        expect(Buffer.concat(out).toString()).toBe('{"a":1}\n{"b":"#x{"}\n{"c":"\\n"}\n{"d":2}\n');
        expect(tally.counts()).toMatchObject({ splits: { train: 2, test: 2 }, excluded: { tie: 1, filtered: 1 } });
      }
    }
    const broken = async function* () {
      yield Buffer.from('{"a":1}\n\n');
    };
    await expect(async () => {
      for await (const _ of fileLines(broken(), new Tally(), "train"));
    }).rejects.toThrow("empty line");
    await expect(async () => {
      for await (const _ of fileLines(
        (async function* () {
          yield Buffer.from("#nonsense\n");
        })(),
        new Tally(),
        "train",
      ));
    }).rejects.toThrow('Unknown export bucket "nonsense"');
  });
});
