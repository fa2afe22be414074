import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { parquetReadObjects } from "hyparquet";

// An instruction run's kept items as an sft export (the `run` option): a snapshot like any other
// export, as JSONL or Parquet, split by instruction, with a card that tells how the rows were made.

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  sessionAccountDeactivated: async () => false,
}));

const exportRoute = (await import("./route")).GET;
const preview = (await import("./preview/route")).GET;
const card = (await import("../exports/[snapshotId]/card/route")).GET;
const storedFile = (await import("../exports/[snapshotId]/file/route")).GET;

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const get = (route: Route, params: Record<string, string>, query = "") =>
  route(new Request(`http://test/api/x${query}`), { params: Promise.resolve(params) });

/** A run of `kind` with kept items (texts meant to trip an encoder; more than one page) and dropped ones. */
async function runWithItems(kind: "DOC_INSTRUCTIONS" | "DOC_PREFERENCES", keptCount = 1001) {
  const admin = await db.user.create({
    data: { email: `adm-${randomUUID()}@x.test`, passwordHash: "x", role: "ADMIN", name: "Ada" },
  });
  const project = await db.project.create({
    data: { name: "Notes — SFT", generationMode: "IMPORTED", evaluationMode: "IMPLICIT", createdById: admin.id },
  });
  const doc = await db.document.create({
    data: {
      projectId: project.id,
      title: "On bread",
      format: "TEXT",
      rawText: "t",
      cleanText: "t",
      checksum: randomUUID(),
      byteSize: 1,
      createdById: admin.id,
    },
  });
  const chunk = await db.chunk.create({
    data: { projectId: project.id, documentId: doc.id, settingsKey: "k", index: 4, text: "t", start: 0, end: 1 },
  });
  const endpoint = await db.modelEndpoint.create({
    data: {
      name: `gen-${randomUUID()}`,
      provider: "OPENAI_COMPATIBLE",
      baseUrl: "http://127.0.0.1:9/v1",
      modelId: "writer-1",
    },
  });
  const run = await db.run.create({
    data: {
      projectId: project.id,
      kind,
      status: "COMPLETED",
      createdById: admin.id,
      settings: {
        mode: kind === "DOC_INSTRUCTIONS" ? "INSTRUCTIONS" : "PREFERENCES",
        generatorEndpointId: endpoint.id,
      },
    },
  });
  const kept = Array.from({ length: keptCount }, (_, i) => ({
    instruction: `How does step ${i} work?  ${i % 3 ? "“quoted”\ttab" : "emoji 🍞 and \\ backslash"}`,
    answer: `Answer ${i}:\n  keep the spaces  \r\nand "quotes" </script>`,
  }));
  await db.docItem.createMany({
    data: [
      ...kept.map((k, i) => ({
        runId: run.id,
        chunkId: chunk.id,
        documentId: doc.id,
        itemIndex: i,
        ...k,
        status: "KEPT" as const,
      })),
      ...[0, 1].map((i) => ({
        runId: run.id,
        chunkId: chunk.id,
        documentId: doc.id,
        itemIndex: 5000 + i,
        instruction: `According to the text, ${i}?`,
        answer: "dropped",
        status: "DROPPED" as const,
        droppedAt: "SOURCE_MENTION" as const,
      })),
    ],
  });
  session.user = { id: admin.id, email: admin.email, name: "Ada", role: "ADMIN" };
  return { project, run, kept, doc, chunk, endpoint };
}

async function download(projectId: string, query: string) {
  const res = await get(exportRoute, { id: projectId }, query);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

const lines = (bytes: Buffer) =>
  bytes
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const byInstruction = <T extends Record<string, unknown>>(xs: T[]) =>
  [...xs].sort((a, b) => String(a.instruction).localeCompare(String(b.instruction)));

describe("sft export of an instruction run's items", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("holds exactly the kept items, verbatim, alike in JSONL and Parquet, with their provenance", async () => {
    const { project, run, kept, doc, chunk } = await runWithItems("DOC_INSTRUCTIONS");
    const jsonl = await download(project.id, `?format=sft&run=${run.id}`);
    expect(jsonl.res.status).toBe(200);
    expect(jsonl.res.headers.get("content-disposition")).toContain(`notes-sft-sft-${run.id.toLowerCase()}-all.jsonl`);
    const rows = lines(jsonl.bytes);
    expect(byInstruction(rows)).toEqual(
      byInstruction(kept.map((k) => ({ instruction: k.instruction, output: k.answer }))),
    );
    for (const r of rows) expect(Object.keys(r)).toEqual(["instruction", "output"]);

    const withMeta = await download(project.id, `?format=sft&run=${run.id}&metadata=true`);
    const parquet = await download(project.id, `?format=sft&run=${run.id}&metadata=true&type=parquet`);
    expect(parquet.res.status).toBe(200);
    // Parquet read back as JSON would have it: timestamps as ISO text, integers as numbers.
    const fromParquet = (await parquetReadObjects({ file: new Uint8Array(parquet.bytes).buffer })).map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [
          k,
          v instanceof Date ? v.toISOString() : typeof v === "bigint" ? Number(v) : v,
        ]),
      ),
    );
    const fromJsonl = lines(withMeta.bytes);
    expect(Object.keys(fromJsonl[0]!)).toEqual([
      "instruction",
      "output",
      "item_id",
      "source",
      "run_id",
      "document_id",
      "document_title",
      "chunk_id",
      "chunk_index",
      "created_at",
    ]);
    expect(fromParquet).toEqual(fromJsonl);
    expect(fromParquet[0]).toMatchObject({
      source: "document",
      run_id: run.id,
      document_id: doc.id,
      document_title: "On bread",
      chunk_id: chunk.id,
      chunk_index: 4,
    });
  });

  it("splits by instruction with the seed, and dedupe keeps one item per instruction", async () => {
    const { project, run } = await runWithItems("DOC_INSTRUCTIONS", 200);
    // The same question twice, differing only in its whitespace.
    const first = await db.docItem.findFirstOrThrow({ where: { runId: run.id, status: "KEPT" } });
    await db.docItem.create({
      data: { ...first, id: undefined, itemIndex: 9000, instruction: `  ${first.instruction.replace(/\s+/g, "\n")} ` },
    });
    // And one question in two Unicode forms: composed (NFC) and decomposed (NFD).
    const question = "Où trouve-t-on le café le plus ancien ?";
    for (const [i, form] of (["NFC", "NFD"] as const).entries())
      await db.docItem.create({
        data: { ...first, id: undefined, itemIndex: 9001 + i, instruction: question.normalize(form) },
      });
    const all = lines((await download(project.id, `?format=sft&run=${run.id}`)).bytes);
    expect(all).toHaveLength(203);
    const deduped = await get(preview, { id: project.id }, `?format=sft&run=${run.id}&dedupe=true`);
    expect((await deduped.json()).counts).toMatchObject({
      splits: { train: 201, test: 0 },
      excluded: { duplicate_prompt: 2 },
    });

    const q = `?format=sft&run=${run.id}&testFraction=0.3&seed=s`;
    const train = lines((await download(project.id, `${q}&split=train`)).bytes);
    const test = lines((await download(project.id, `${q}&split=test`)).bytes);
    expect(train.length).toBeGreaterThan(0);
    expect(test.length).toBeGreaterThan(0);
    expect(byInstruction([...train, ...test])).toEqual(byInstruction(all));
    // The same seed gives the same split, and the two spellings of one question land together.
    expect(lines((await download(project.id, `${q}&split=test`)).bytes)).toEqual(test);
    const key = (r: Record<string, unknown>) => String(r.instruction).normalize("NFC").replace(/\s+/g, " ").trim();
    const testKeys = new Set(test.map(key));
    expect(train.some((r) => testKeys.has(key(r)))).toBe(false);
  });

  it("stores a snapshot whose card tells where the rows came from", async () => {
    const { project, run } = await runWithItems("DOC_INSTRUCTIONS", 30);
    const { res } = await download(project.id, `?format=sft&run=${run.id}&license=cc-by-4.0`);
    const snapshotId = res.headers.get("x-pairwise-snapshot")!;
    const readme = await (await get(card, { id: project.id, snapshotId })).text();
    expect(readme).toContain("- backtranslation");
    expect(readme).not.toContain("- human-feedback");
    expect(readme).toContain(`path: "notes-sft-sft-${run.id.toLowerCase()}-all.jsonl"`);
    expect(readme).toContain("An instruction dataset built with Pairwise from an author's documents.");
    expect(readme).toContain("| train | 30 |");
    expect(readme).toContain("`instruction`: an instruction a model wrote for the passage");
    expect(readme).toContain(`Run \`${run.id}\``);
    expect(readme).toContain("its kept items come from 1 document.");
    expect(readme).toContain("- generator: `writer-1` (openai_compatible)");
    expect(readme).toContain("| Items generated | 32 |");
    expect(readme).toContain("| Kept | 30 |");
    expect(readme).toContain("instructions that do not name their source");
    expect(readme).toContain(`- rows: the kept items of instruction run \`${run.id}\``);
    // Pair-only sections have nothing to say about items.
    expect(readme).not.toContain("## Agreement");
    expect(readme).not.toContain("## How the pairs were evaluated");
  });

  it("exports the items in TRL's SFT types too, as snapshots whose card describes their columns", async () => {
    const { project, run, kept } = await runWithItems("DOC_INSTRUCTIONS", 5);
    const trl = await download(project.id, `?format=sft_trl&run=${run.id}`);
    expect(trl.res.headers.get("content-disposition")).toContain(`-sft_trl-${run.id.toLowerCase()}-all.jsonl`);
    const byPrompt = (xs: Record<string, unknown>[]) =>
      [...xs].sort((a, b) => String(a.prompt).localeCompare(String(b.prompt)));
    expect(byPrompt(lines(trl.bytes))).toEqual(
      byPrompt(kept.map((k) => ({ prompt: k.instruction, completion: k.answer }))),
    );

    const chat = await download(project.id, `?format=sft_conversational&run=${run.id}&metadata=true&type=parquet`);
    expect(chat.res.status).toBe(200);
    const rows = await parquetReadObjects({ file: new Uint8Array(chat.bytes).buffer });
    expect(rows.map((r) => r.messages).sort((a, b) => a[0].content.localeCompare(b[0].content))).toEqual(
      [...kept]
        .sort((a, b) => a.instruction.localeCompare(b.instruction))
        .map((k) => [
          { role: "user", content: k.instruction },
          { role: "assistant", content: k.answer },
        ]),
    );
    const snapshotId = chat.res.headers.get("x-pairwise-snapshot")!;
    const again = await get(storedFile, { id: project.id, snapshotId });
    expect(Buffer.from(await again.arrayBuffer()).equals(chat.bytes)).toBe(true);
    const readme = await (await get(card, { id: project.id, snapshotId })).text();
    expect(readme).toContain("- sft\n- instruction-tuning\n");
    expect(readme).toContain(
      "- `messages`: the conversation, as a list of messages ({role, content}): an instruction a model wrote for the passage",
    );
    expect(readme).toContain("- format: sft_conversational, file type: parquet");
  });

  it("refuses a preference run, another project's run, another format and pair filters, naming them", async () => {
    const prefs = await runWithItems("DOC_PREFERENCES", 3);
    const refused = await get(exportRoute, { id: prefs.project.id }, `?format=sft&run=${prefs.run.id}`);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe("not_instructions");

    const mine = await runWithItems("DOC_INSTRUCTIONS", 3);
    const other = await get(exportRoute, { id: mine.project.id }, `?format=sft&run=${prefs.run.id}`);
    expect(other.status).toBe(404);

    const trl = await get(exportRoute, { id: mine.project.id }, `?format=trl&run=${mine.run.id}`);
    expect(trl.status).toBe(422);
    expect((await trl.json()).error.fields).toEqual([
      { path: "run", message: "run applies to the sft, sft_trl and sft_conversational formats only" },
    ]);
    const votes = await get(preview, { id: mine.project.id }, `?format=sft&run=${mine.run.id}&minVotes=2`);
    expect(votes.status).toBe(422);
    expect((await votes.json()).error.fields[0]).toMatchObject({ path: "minVotes" });
    // Nothing was recorded for the refused exports.
    expect(await db.exportSnapshot.count({ where: { projectId: { in: [prefs.project.id, mine.project.id] } } })).toBe(
      0,
    );
  });
});
