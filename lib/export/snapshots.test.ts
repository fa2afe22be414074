import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { toResponse } from "@/lib/api/to-response";
import { bulkPool } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import { EXCLUSION_REASONS, exportOptionsSchema, type ExportCounts, type ExportOptionsInput } from "./options";
import { snapshotCard } from "./snapshot-card";
import { NotFoundError } from "@/lib/errors";
import { deleteSnapshot, listSnapshots, openSnapshotFile } from "./snapshot-files";
import { ExportGate, exportConnections } from "./connections";
import { ABANDONED, BATCH_BYTES, CHUNK_BYTES, chunkWriter, startExport, type ExportSource } from "./snapshots";
import { exportSource } from "./source";
import { exportProject, seedSnapshotRow } from "./test-helpers";

// Snapshots against the real engine and PostgreSQL: what is stored is what was sent, and stays so.

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const options = (input: ExportOptionsInput = {}) => exportOptionsSchema.parse(input);

async function readAll(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = body.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
  return Buffer.concat(parts);
}

async function labelledProject(pairs: number, answerChars = 40) {
  const { project, pair } = await exportProject("HUMAN");
  const made = [];
  for (let i = 0; i < pairs; i++) {
    made.push(
      await pair({
        prompt: `prompt ${i}`,
        a: `a${i} ${"x".repeat(answerChars)}`,
        b: `b${i} ${"y".repeat(answerChars)}`,
        votes: [{ choice: "A" }],
      }),
    );
  }
  const admin = await db.user.update({
    where: { id: project.createdById },
    data: { name: "Ada" },
    select: { id: true, name: true },
  });
  return { project, admin, pairs: made };
}

const chunkCount = (snapshotId: string) => db.exportChunk.count({ where: { snapshotId } });

/** Bytes of ExportChunk's TOAST table: where values too large for a row go. */
async function toastBytes(): Promise<number> {
  const [row] = await db.$queryRaw<{ bytes: bigint }[]>`
    SELECT pg_relation_size(reltoastrelid) AS bytes FROM pg_class WHERE oid = '"ExportChunk"'::regclass`;
  return Number(row!.bytes);
}

describe("export snapshots", () => {
  it("records a complete snapshot whose checksum, size, rows and card match the file sent", async () => {
    const { project, admin } = await labelledProject(3);
    const o = options({ format: "trl", license: "cc-by-4.0" });
    const download = await startExport(project.id, admin, o, exportSource);
    expect(download).toMatchObject({ contentType: "application/x-ndjson", fileName: "export-trl-all.jsonl" });
    const bytes = await readAll(download.body);
    const snap = await db.exportSnapshot.findUniqueOrThrow({ where: { id: download.snapshotId } });
    expect(snap).toMatchObject({
      status: "COMPLETE",
      checksum: sha256(bytes),
      byteSize: BigInt(bytes.length),
      rowCount: 3,
      createdById: admin.id,
    });
    expect(snap.counts).toMatchObject({ splits: { train: 3, test: 0 } });
    const card = await snapshotCard(download.snapshotId);
    expect(card).toMatch(/^---\npretty_name: "export"\nlicense: "cc-by-4.0"\ntask_categories:\n- text-generation\n/);
    expect(card).toContain('  - split: train\n    path: "export-trl-all.jsonl"');
    expect(card).toContain("| train | 3 |");
    expect(card).toContain(`sha256 \`${sha256(bytes)}\``);
    expect(card).toContain("by Ada");
  });

  it("writes a card the server never got to when it is first asked for", async () => {
    const { project, admin } = await labelledProject(2);
    const download = await startExport(project.id, admin, options(), exportSource);
    await readAll(download.body);
    expect(await snapshotCard(download.snapshotId)).toContain("| train | 2 |");
    // As if the process had stopped before writing it.
    await db.exportSnapshot.update({ where: { id: download.snapshotId }, data: { card: "" } });
    const card = await snapshotCard(download.snapshotId);
    expect(card).toContain("| train | 2 |");
    expect((await db.exportSnapshot.findUniqueOrThrow({ where: { id: download.snapshotId } })).card).toBe(card);
  });

  it("writes the agreement figures and escapes the project's own text in the card's YAML", async () => {
    const { project, pair } = await exportProject("HYBRID");
    await db.project.update({
      where: { id: project.id },
      data: { name: 'Say "hi":\n- injected: yes', description: "Greetings, politely." },
    });
    for (let i = 0; i < 4; i++) {
      await pair({
        votes: [{ choice: "A" }, { choice: i === 3 ? "B" : "A" }],
        judge: { status: "AGREED", label: "A" },
      });
    }
    const { body, snapshotId } = await startExport(project.id, { id: project.createdById }, options(), exportSource);
    await readAll(body);
    const card = await snapshotCard(snapshotId);
    expect(card).toContain('pretty_name: "Say \\"hi\\":\\n- injected: yes"\n');
    expect(card).not.toMatch(/^- injected/m);
    expect(card).toContain("Greetings, politely.");
    expect(card).toMatch(/- Judge vs human accuracy: \d+\.\d% \(n = \d+\)/);
    expect(card).toMatch(/- Annotator agreement \(.+\): /);
    expect(card).toContain("The judge saw every pair twice");
  });

  it("re-downloads the same bytes after a vote has changed the labels, over several chunks", async () => {
    // Answers of ~200 KB make a file of several 1 MB batches of chunks.
    const { project, admin, pairs } = await labelledProject(12, 200_000);
    const toastBefore = await toastBytes();
    const first = await startExport(project.id, admin, options(), exportSource);
    const original = await readAll(first.body);
    expect(original.length).toBeGreaterThan(2 * BATCH_BYTES);
    // Page-sized chunks, stored in their rows: nothing goes to the TOAST table.
    expect(await chunkCount(first.snapshotId)).toBe(Math.ceil(original.length / CHUNK_BYTES));
    expect(await toastBytes()).toBe(toastBefore);

    await db.vote.updateMany({ where: { pairId: pairs[0]!.id }, data: { choice: "B" } });
    const fresh = await readAll((await startExport(project.id, admin, options(), exportSource)).body);
    expect(sha256(fresh)).not.toBe(sha256(original));

    const again = await openSnapshotFile(project.id, first.snapshotId);
    expect(again).toMatchObject({ byteSize: original.length, checksum: sha256(original), fileName: first.fileName });
    expect((await readAll(again.body)).equals(original)).toBe(true);
  });

  it("re-downloads a file stored in 1 MB chunks, as files were before chunks took a page each", async () => {
    const { project, admin } = await labelledProject(12, 200_000);
    const { snapshotId, body } = await startExport(project.id, admin, options(), exportSource);
    const original = await readAll(body);
    // The file's chunks joined again into megabytes, stored out of line as the column used to.
    const perMb = Math.floor((1024 * 1024) / CHUNK_BYTES);
    await db.$transaction([
      db.$executeRaw`ALTER TABLE "ExportChunk" ALTER COLUMN "data" SET STORAGE EXTERNAL`,
      db.$executeRaw`
        CREATE TEMP TABLE joined ON COMMIT DROP AS
        SELECT seq / ${perMb} AS seq, string_agg(data, ''::bytea ORDER BY seq) AS data
        FROM "ExportChunk" WHERE "snapshotId" = ${snapshotId} GROUP BY 1`,
      db.$executeRaw`DELETE FROM "ExportChunk" WHERE "snapshotId" = ${snapshotId}`,
      db.$executeRaw`INSERT INTO "ExportChunk" ("snapshotId", seq, data) SELECT ${snapshotId}, seq, data FROM joined`,
      db.$executeRaw`ALTER TABLE "ExportChunk" ALTER COLUMN "data" SET STORAGE PLAIN`,
    ]);
    expect(await chunkCount(snapshotId)).toBe(Math.ceil(original.length / (perMb * CHUNK_BYTES)));
    expect(await chunkCount(snapshotId)).toBeGreaterThan(2);
    const again = await openSnapshotFile(project.id, snapshotId);
    expect((await readAll(again.body)).equals(original)).toBe(true);
  });

  /** An export of several batches, read past two batches' worth: at least one is written, in its open transaction. */
  async function midwayExport() {
    const { project, admin } = await labelledProject(12, 200_000);
    const { snapshotId, body } = await startExport(project.id, admin, options(), exportSource);
    const reader = body.getReader();
    for (let read = 0; read <= 2 * BATCH_BYTES;) read += (await reader.read()).value!.byteLength;
    return { projectId: project.id, snapshotId, reader };
  }

  it("refuses a new export once stored exports reach the server's limit, and downloads the stored ones", async () => {
    const { project, admin } = await labelledProject(3);
    const first = await startExport(project.id, admin, options(), exportSource);
    const file = await readAll(first.body);
    const stored = await db.exportSnapshot.aggregate({ where: { status: "COMPLETE" }, _sum: { byteSize: true } });
    const limit = Number(stored._sum.byteSize);
    const refused = await startExport(project.id, admin, options(), exportSource, { storageMaxBytes: limit }).catch(
      (err: unknown) => err,
    );
    const res = toResponse(refused);
    expect(res.status).toBe(507);
    expect((await res.json()).error).toMatchObject({
      code: "export_storage_full",
      message: expect.stringMatching(
        /^Stored exports take .* as much as this server keeps \(EXPORT_STORAGE_MAX_BYTES, /,
      ),
    });
    expect(await db.exportSnapshot.count({ where: { projectId: project.id } })).toBe(1);
    expect((await readAll((await openSnapshotFile(project.id, first.snapshotId)).body)).equals(file)).toBe(true);
    // Below the limit (a deletion, or a higher limit), exports start again.
    await readAll((await startExport(project.id, admin, options(), exportSource, { storageMaxBytes: limit + 1 })).body);
  });

  it("ends a download whose client stopped reading as failed, and gives its turn to the next export", async () => {
    const { project, admin } = await labelledProject(12, 200_000);
    const gate = new ExportGate(1, 60_000);
    const connect = () => exportConnections(gate);
    const { snapshotId, body } = await startExport(project.id, admin, options(), exportSource, {
      connect,
      stallMs: 300,
    });
    const reader = body.getReader();
    await reader.read(); // the first piece, then nothing more
    // The only turn: held until the stall is noticed, then passed on.
    const next = await gate.enter();
    next();
    const rest = (async () => {
      while (!(await reader.read()).done);
    })();
    await expect(rest).rejects.toThrow("The download stalled: the client read nothing for 0.3 s");
    expect(await db.exportSnapshot.findUniqueOrThrow({ where: { id: snapshotId } })).toMatchObject({
      status: "FAILED",
      error: "The download stalled: the client read nothing for 0.3 s",
    });
    expect(await chunkCount(snapshotId)).toBe(0);
    // A client that keeps reading is never cut off, however long the file.
    const whole = await startExport(project.id, admin, options(), exportSource, { connect, stallMs: 300 });
    expect((await readAll(whole.body)).byteLength).toBeGreaterThan(2_000_000);
  });

  it("stores no chunk before the file is complete, so a process killed midway leaves none behind", async () => {
    const { snapshotId, reader } = await midwayExport();
    expect(await chunkCount(snapshotId)).toBe(0);
    while (!(await reader.read()).done);
    expect(await chunkCount(snapshotId)).toBeGreaterThan(1);
  });

  it("shows failed a running export whose server stopped, and leaves live and just-started ones running", async () => {
    const { project, admin } = await labelledProject(12, 200_000);
    const projectId = project.id;
    const { snapshotId: live, body } = await startExport(projectId, admin, options(), exportSource);
    // Only the first bytes taken: no chunk written yet, the export's lock alone says it is alive.
    const reader = body.getReader();
    expect((await reader.read()).value!.byteLength).toBeLessThan(BATCH_BYTES);
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    const running = (createdAt: Date) => seedSnapshotRow(projectId, project.createdById, { createdAt });
    // A server stopped midway: its row is RUNNING, and no transaction holds it.
    const orphan = await running(minutesAgo(5));
    const justStarted = await running(new Date());
    await db.exportSnapshot.update({ where: { id: live }, data: { createdAt: minutesAgo(5) } });

    const status = new Map((await listSnapshots(projectId)).exports.map((v) => [v.id, v]));
    expect(status.get(orphan.id)).toMatchObject({ status: "FAILED", error: ABANDONED });
    expect(status.get(justStarted.id)?.status).toBe("RUNNING");
    expect(status.get(live)?.status).toBe("RUNNING");
    while (!(await reader.read()).done);
    expect((await db.exportSnapshot.findUniqueOrThrow({ where: { id: live } })).status).toBe("COMPLETE");
  });

  it("deletes a finished snapshot with its chunks, refuses a running one, and leaves other projects' alone", async () => {
    const { projectId, snapshotId: running, reader } = await midwayExport();
    await expect(deleteSnapshot(projectId, running)).rejects.toMatchObject({ code: "running" });
    while (!(await reader.read()).done);
    expect(await chunkCount(running)).toBeGreaterThan(1);
    const other = await labelledProject(1);
    await expect(deleteSnapshot(other.project.id, running)).rejects.toBeInstanceOf(NotFoundError);

    await deleteSnapshot(projectId, running);
    expect(await chunkCount(running)).toBe(0);
    expect((await listSnapshots(projectId)).exports.map((v) => v.id)).not.toContain(running);
    await expect(openSnapshotFile(projectId, running)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteSnapshot(projectId, running)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("deletes the chunks of snapshots deleted with their project, with no check run for each chunk row", async () => {
    const { project, admin } = await labelledProject(2);
    const gone = await startExport(project.id, admin, options(), exportSource);
    await readAll(gone.body);
    const other = await labelledProject(1);
    const kept = await startExport(other.project.id, other.admin, options(), exportSource);
    await readAll(kept.body);
    expect(await chunkCount(gone.snapshotId)).toBeGreaterThan(0);

    await db.project.delete({ where: { id: project.id } });
    expect(await chunkCount(gone.snapshotId)).toBe(0);
    expect(await chunkCount(kept.snapshotId)).toBeGreaterThan(0);
    // The chunk writer's lock on its snapshot is the check (chunkWriter): a foreign key's trigger
    // would check each of a large file's thousands of rows again after its last byte.
    const [triggers] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = '"ExportChunk"'::regclass`;
    expect(triggers!.n).toBe(0);
  });

  it("stores no chunk for a snapshot deleted before its file is written", async () => {
    const { project, admin } = await labelledProject(1);
    const row = await seedSnapshotRow(project.id, admin.id);
    await db.exportSnapshot.delete({ where: { id: row.id } });
    const client = await bulkPool().connect();
    await expect(chunkWriter(row.id, client)).rejects.toThrow(
      `The export's snapshot ${row.id} was deleted before its file was stored`,
    );
    expect(await chunkCount(row.id)).toBe(0);
  });

  it("ends a download of the stored file with an error when the export is deleted meanwhile", async () => {
    const { projectId, snapshotId, reader } = await midwayExport();
    while (!(await reader.read()).done);
    const again = (await openSnapshotFile(projectId, snapshotId)).body.getReader();
    expect((await again.read()).value!.byteLength).toBe(CHUNK_BYTES);
    await deleteSnapshot(projectId, snapshotId);
    // The stream reads a megabyte of chunks ahead: the next reads may still succeed, a later one fails.
    const rest = async () => {
      while (!(await again.read()).done);
    };
    await expect(rest()).rejects.toThrow(`Export ${snapshotId} was deleted during the download`);
  });

  it("ends a download of a stored file that was altered or lost bytes with an error, never a wrong file", async () => {
    const { projectId, snapshotId, reader } = await midwayExport();
    while (!(await reader.read()).done);
    const download = async () => readAll((await openSnapshotFile(projectId, snapshotId)).body);
    const original = await download();
    await db.$executeRaw`UPDATE "ExportChunk" SET "data" = overlay("data" placing '\\x00'::bytea from 1) WHERE "snapshotId" = ${snapshotId} AND "seq" = 1`;
    await expect(download()).rejects.toThrow(`Export ${snapshotId} no longer matches its checksum`);
    await db.exportChunk.delete({ where: { snapshotId_seq: { snapshotId, seq: 1 } } });
    await expect(download()).rejects.toThrow(
      `Export ${snapshotId} is missing stored bytes after byte ${CHUNK_BYTES} of ${original.length}`,
    );
  });

  it("deletes a failed snapshot, and one left running by a stopped server once it shows failed", async () => {
    const { project, admin } = await labelledProject(1);
    const orphan = await seedSnapshotRow(project.id, admin.id, { createdAt: new Date(Date.now() - 5 * 60_000) });
    await deleteSnapshot(project.id, orphan.id);
    expect(await db.exportSnapshot.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("marks a download cancelled midway as failed and keeps none of its chunks", async () => {
    const { projectId, snapshotId, reader } = await midwayExport();
    await reader.cancel("client went away");
    const snap = await db.exportSnapshot.findUniqueOrThrow({ where: { id: snapshotId } });
    expect(snap).toMatchObject({
      status: "FAILED",
      error: "The download was cancelled before it finished",
      checksum: null,
    });
    expect(await chunkCount(snapshotId)).toBe(0);
    await expect(openSnapshotFile(projectId, snapshotId)).rejects.toMatchObject({ name: "ConflictError" });
  });

  it("marks an export whose engine fails midway as failed, with the reason, and the download errors", async () => {
    const { project, admin } = await labelledProject(1);
    const failing: ExportSource = {
      ...exportSource,
      async *stream() {
        yield Buffer.alloc(BATCH_BYTES + 10, "a");
        yield Buffer.from("b");
        throw new Error("database went away");
      },
    };
    const { snapshotId, body } = await startExport(project.id, admin, options(), failing);
    await expect(readAll(body)).rejects.toThrow("database went away");
    expect(await db.exportSnapshot.findUniqueOrThrow({ where: { id: snapshotId } })).toMatchObject({
      status: "FAILED",
      error: "database went away",
    });
    expect(await chunkCount(snapshotId)).toBe(0);
  });

  it("records when the file finished as its completion time, not when the export started", async () => {
    const { project, admin } = await labelledProject(1);
    const slow: ExportSource = {
      ...exportSource,
      async *stream(_projectId, _options, hooks) {
        yield Buffer.from("a\n");
        await new Promise((resolve) => setTimeout(resolve, 400));
        yield Buffer.from("b\n");
        hooks?.counts?.({
          splits: { train: 2, test: 0 },
          excluded: Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as ExportCounts["excluded"],
        });
      },
    };
    const download = await startExport(project.id, admin, options(), slow);
    await readAll(download.body);
    const snap = await db.exportSnapshot.findUniqueOrThrow({ where: { id: download.snapshotId } });
    expect(snap.status).toBe("COMPLETE");
    expect(snap.completedAt!.getTime() - snap.createdAt.getTime()).toBeGreaterThanOrEqual(350);
  });

  it("records nothing when the engine fails before the first byte", async () => {
    const { project, admin } = await labelledProject(1);
    const failing: ExportSource = {
      ...exportSource,
      // eslint-disable-next-line require-yield
      async *stream() {
        throw new Error("bad options");
      },
    };
    await expect(startExport(project.id, admin, options(), failing)).rejects.toThrow("bad options");
    expect(await db.exportSnapshot.count({ where: { projectId: project.id } })).toBe(0);
  });
});
