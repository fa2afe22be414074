import "server-only";
import { createHash } from "node:crypto";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import type pg from "pg";
import { db } from "@/lib/db";
import { getServerEnv } from "@/lib/env";
import { StorageFullError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { exportConnections, type ExportConnections } from "./connections";
import { contentTypeFor, fileNameFor, type ExportDownload } from "./download";
import type { ExportCounts, ExportOptions } from "./options";
import { inBackground } from "@/lib/background";
import { writeSnapshotCard } from "./snapshot-card";
import { clip } from "@/lib/clip";

// Every export is a snapshot: its bytes go to the client and, as they pass, into ExportChunk
// rows of a page each, so the same file can be downloaded again after labels have changed.
// Pull-based: the next bytes are produced only when the client has taken the previous ones, and
// at most one batch of chunks (about 1 MB) waits in memory before it is written.
//
// The chunks are written in one transaction, which also marks the snapshot complete: a file is
// stored whole or not at all, whether the export fails, is cancelled or its process is killed.
// (One commit rather than one per chunk is also about three times faster to write.) That
// transaction holds a lock on the snapshot's row while it runs, so a RUNNING snapshot whose row
// is not locked has lost its process: reading the list marks it failed.

/**
 * The bytes of one stored chunk: one ExportChunk row, which fits a database page with its keys
 * (PostgreSQL takes at most 8,160 bytes a row), so it is stored in the row as it is. Chunks of
 * 1 MB went to the TOAST table as 2 KB rows with an index entry each: on a 1M-pair export, the
 * database's work of storing the file fell by a third with page-sized chunks.
 */
export const CHUNK_BYTES = 8000;
/** The bytes handed to the chunk writer at once, as whole chunks: about 1 MB. */
export const BATCH_BYTES = 131 * CHUNK_BYTES;

/** The export engine, as the snapshot needs it (tests may give a failing one). */
export interface ExportSource {
  counts(projectId: string, options: ExportOptions): Promise<ExportCounts>;
  /**
   * The file's bytes. `hooks.counts` is called after the last byte with the counts of the rows
   * streamed and of those left out: the file's own, with no second pass over the project.
   * A piece is kept as it is, not copied, until it is stored: its memory must not be reused.
   */
  stream(
    projectId: string,
    options: ExportOptions,
    hooks?: { counts?: (counts: ExportCounts) => void; client?: pg.PoolClient },
  ): AsyncIterable<Uint8Array>;
  columns(options: ExportOptions): string[];
}

/** Marks a running snapshot failed; a finished one is left alone. Its chunks were rolled back. */
async function failSnapshot(id: string, reason: string): Promise<void> {
  await db.exportSnapshot.updateMany({
    where: { id, status: "RUNNING" },
    data: { status: "FAILED", error: clip(reason, 1000), completedAt: new Date() },
  });
}

/** Why a snapshot whose process went away is marked failed. */
export const ABANDONED = "The export stopped before it finished (its server stopped)";
/** A snapshot is recorded a moment before its writer locks it: younger ones are left alone. */
const ABANDON_AFTER_MS = 60_000;

/**
 * Marks failed the project's RUNNING snapshots that no live export holds (see chunkWriter): a
 * server stopped midway left them, and their chunks were never committed.
 */
export async function failAbandonedSnapshots(projectId: string): Promise<void> {
  // Prisma keeps times as UTC without a zone: compared and written the same way here.
  await db.$executeRaw`
    UPDATE "ExportSnapshot" SET "status" = 'FAILED', "error" = ${ABANDONED}, "completedAt" = now() AT TIME ZONE 'UTC'
    WHERE "id" IN (
      SELECT "id" FROM "ExportSnapshot"
      WHERE "projectId" = ${projectId} AND "status" = 'RUNNING'
        AND "createdAt" < now() AT TIME ZONE 'UTC' - make_interval(secs => ${ABANDON_AFTER_MS / 1000})
      FOR UPDATE SKIP LOCKED)`;
}

// COPY's binary format (the PostgreSQL documentation, "COPY", "Binary Format"): a signature, no
// flags and no header extension; then per row its field count and each field's length and bytes;
// then -1 as the field count.
const COPY_HEADER = Buffer.concat([Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)]);
const COPY_TRAILER = Buffer.from([0xff, 0xff]);

/**
 * The transaction a snapshot's chunks are written in, on a connection of its own: one binary
 * `COPY` that lasts the whole export, a row per chunk. Each batch goes to the connection as one
 * buffer of its rows (a write per row and per piece was about 40,000 socket writes for a 108 MB
 * file, half a second of the web server's time).
 *
 * The snapshot's row is locked first and stays locked until the commit: the sign that this export
 * is alive, and what keeps its chunks from outliving it (the row cannot be deleted meanwhile, and
 * a row already gone stops the writer here). ExportChunk has no foreign key to check each of its
 * rows again: on a 1M-pair file that check took half a second after the last byte.
 */
export async function chunkWriter(snapshotId: string, client: pg.PoolClient) {
  let copy: Writable;
  try {
    await client.query("BEGIN");
    const { rowCount } = await client.query(`SELECT 1 FROM "ExportSnapshot" WHERE "id" = $1 FOR KEY SHARE`, [
      snapshotId,
    ]);
    if (!rowCount) throw new Error(`The export's snapshot ${snapshotId} was deleted before its file was stored`);
    copy = client.query(copyFrom(`COPY "ExportChunk" ("snapshotId", "seq", "data") FROM STDIN (FORMAT binary)`));
  } catch (err) {
    client.release(true);
    throw err;
  }
  // Settles when the COPY has ended in the database, or failed.
  const copied = finished(copy);
  copied.catch(() => undefined);
  const drained = () =>
    new Promise<void>((resolve, reject) => {
      copy.once("drain", resolve);
      copied.catch(reject);
    });
  copy.write(COPY_HEADER);
  const id = Buffer.from(snapshotId, "utf8");
  /** Each row's field count, then its three fields' lengths and the id and seq before the data. */
  const ROW_HEAD_BYTES = 2 + 4 + id.length + 4 + 4 + 4;
  let seq = 0;
  let open = true;
  /** Closes the connection: PostgreSQL rolls back whatever the transaction had written. */
  const discard = () => {
    if (!open) return;
    open = false;
    client.release(true);
  };
  return {
    /**
     * Writes `pieces` (`bytes` in all) as chunks of CHUNK_BYTES, the last one shorter; resolves
     * once the connection takes more.
     */
    write: async (pieces: readonly Uint8Array[], bytes: number) => {
      const rows = Math.ceil(bytes / CHUNK_BYTES);
      const out = Buffer.allocUnsafe(rows * ROW_HEAD_BYTES + bytes);
      let at = 0;
      let rowLeft = 0; // bytes the current chunk still takes
      for (let piece of pieces) {
        while (piece.byteLength > 0) {
          if (rowLeft === 0) {
            rowLeft = Math.min(CHUNK_BYTES, bytes);
            bytes -= rowLeft;
            at = out.writeInt16BE(3, at);
            at = out.writeInt32BE(id.length, at);
            at += id.copy(out, at);
            at = out.writeInt32BE(4, at);
            at = out.writeInt32BE(seq++, at);
            at = out.writeInt32BE(rowLeft, at);
          }
          const part = piece.byteLength <= rowLeft ? piece : piece.subarray(0, rowLeft);
          out.set(part, at);
          at += part.byteLength;
          rowLeft -= part.byteLength;
          piece = piece.subarray(part.byteLength);
        }
      }
      if (!copy.write(out)) await drained();
    },
    /** Ends the COPY and marks the snapshot complete with its chunks, in one commit. */
    complete: async (data: { counts: ExportCounts; checksum: string; byteSize: number; rowCount: number }) => {
      try {
        copy.end(COPY_TRAILER);
        await copied;
        const { rowCount } = await client.query(
          `UPDATE "ExportSnapshot" SET "status" = 'COMPLETE', "counts" = $2, "checksum" = $3, "byteSize" = $4,
             "rowCount" = $5, "completedAt" = clock_timestamp() AT TIME ZONE 'UTC' WHERE "id" = $1 AND "status" = 'RUNNING'`,
          [snapshotId, JSON.stringify(data.counts), data.checksum, data.byteSize, data.rowCount],
        );
        // clock_timestamp(), not now(): now() is when this transaction began, with the export.
        // Marked failed meanwhile (a cancel racing the last byte): its chunks are not kept.
        await client.query(rowCount ? "COMMIT" : "ROLLBACK");
        open = false;
        client.release();
      } finally {
        discard();
      }
    },
    abandon: discard,
  };
}

/**
 * Every export is stored, so a script (a read-only token is enough) exporting in a loop would fill
 * the disk: past the limit, exports are refused until old ones are deleted. Stored files stay
 * downloadable; the export running when the limit is crossed completes.
 */
async function refuseWhenStorageFull(client: pg.PoolClient, maxBytes: number): Promise<void> {
  const { rows } = await client.query<{ bytes: string }>(
    `SELECT coalesce(sum("byteSize"), 0)::text AS bytes FROM "ExportSnapshot" WHERE "status" = 'COMPLETE'`,
  );
  const bytes = Number(rows[0]!.bytes);
  if (bytes < maxBytes) return;
  throw new StorageFullError(
    "export_storage_full",
    `Stored exports take ${formatBytes(bytes)}, as much as this server keeps (EXPORT_STORAGE_MAX_BYTES, ${formatBytes(maxBytes)}): delete old exports on a project's Export page, then export again`,
  );
}

const formatBytes = (n: number) =>
  n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Starts an export: records the snapshot, then returns its file as a stream that stores itself.
 * Waits its turn for its two connections (./connections.ts), or is refused (503) when too many
 * exports are already running.
 */
export async function startExport(
  projectId: string,
  user: { id: string; name?: string | null },
  options: ExportOptions,
  source: ExportSource,
  {
    connect = exportConnections,
    stallMs = getServerEnv().EXPORT_STALL_MS,
    storageMaxBytes = getServerEnv().EXPORT_STORAGE_MAX_BYTES,
  }: {
    connect?: () => Promise<ExportConnections>;
    /** How long a download may go unread before it is ended (EXPORT_STALL_MS). */
    stallMs?: number;
    /** Stored files' bytes past which no export starts (EXPORT_STORAGE_MAX_BYTES). */
    storageMaxBytes?: number;
  } = {},
): Promise<ExportDownload> {
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { name: true } });
  const connections = await connect();
  try {
    // Checked in the export's turn, on its own connection: exports take their turns in the
    // order they were asked for, and a refused one gives its turn straight back.
    await refuseWhenStorageFull(connections.read, storageMaxBytes);
  } catch (err) {
    connections.releaseRest();
    throw err;
  }
  let counts: ExportCounts | undefined;
  let iterator: AsyncIterator<Uint8Array>;
  try {
    const stream = source.stream(projectId, options, { counts: (c) => void (counts = c), client: connections.read });
    iterator = stream[Symbol.asyncIterator]();
  } catch (err) {
    connections.releaseRest();
    throw err;
  }
  // The first bytes are asked for before the snapshot is recorded and the response starts, so an
  // engine that fails at once answers with a proper error status rather than a broken download.
  let primed: IteratorResult<Uint8Array> | null;
  let snapshot: { id: string; createdAt: Date } | undefined;
  let writer: Awaited<ReturnType<typeof chunkWriter>>;
  try {
    primed = await iterator.next();
    snapshot = await db.exportSnapshot.create({
      data: {
        projectId,
        createdById: user.id,
        format: options.format,
        fileType: options.type,
        split: options.split,
        options: JSON.parse(JSON.stringify(options)) as Prisma.InputJsonValue,
      },
      select: { id: true, createdAt: true },
    });
    writer = await chunkWriter(snapshot.id, connections.write);
  } catch (err) {
    await iterator.return?.().catch(() => undefined);
    connections.releaseRest();
    if (snapshot) await failSnapshot(snapshot.id, messageOf(err)).catch(() => undefined);
    throw err;
  }
  const { id: snapshotId, createdAt } = snapshot;
  const fileName = fileNameFor(project.name, options);
  const hash = createHash("sha256");
  const pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let byteSize = 0;
  let closed = false;

  // One batch is written while the next streams: the download does not wait for the database.
  // Its failure is kept (not thrown unhandled) and surfaces at the next write or the end.
  let writing: Promise<void> = Promise.resolve();
  const writeBatch = async (pieces: Uint8Array[], bytes: number) => {
    await writing;
    writing = writer.write(pieces, bytes);
    writing.catch(() => undefined);
  };
  /** Passes on the pending pieces in batches of BATCH_BYTES (the last piece of each cut to fit). */
  const flush = async (all: boolean) => {
    while (pendingBytes >= BATCH_BYTES || (all && pendingBytes > 0)) {
      const take = Math.min(BATCH_BYTES, pendingBytes);
      const batch: Uint8Array[] = [];
      for (let n = 0; n < take;) {
        const piece = pending[0]!;
        const fits = Math.min(piece.byteLength, take - n);
        batch.push(fits === piece.byteLength ? piece : piece.subarray(0, fits));
        if (fits === piece.byteLength) pending.shift();
        else pending[0] = piece.subarray(fits);
        n += fits;
      }
      pendingBytes -= take;
      await writeBatch(batch, take);
    }
  };
  const complete = async () => {
    await flush(true);
    await writing;
    if (!counts) throw new Error("The export engine finished without counting its rows");
    const checksum = hash.digest("hex");
    const rowCount = options.split === "all" ? counts.splits.train + counts.splits.test : counts.splits[options.split];
    await writer.complete({ counts, checksum, byteSize, rowCount });
    // Not awaited: the download is complete; the card's agreement figures take seconds on a
    // large project. It describes the project as it is now, its file complete: read during the
    // download, its figures scanned the project's pairs beside the export's own scan. A card
    // left unwritten is written when first asked for.
    inBackground(
      writeSnapshotCard({
        id: snapshotId,
        projectId,
        createdById: user.id,
        createdAt,
        options,
        counts,
        checksum,
        byteSize,
        rowCount,
      }).catch((err: unknown) =>
        console.error(`[export] the card of snapshot ${snapshotId} was not written:`, messageOf(err)),
      ),
    );
  };

  let inflight: Promise<void> = Promise.resolve();
  const step = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    const next = primed ?? (await iterator.next());
    primed = null;
    if (closed) return;
    if (next.done) {
      await complete();
      connections.releaseRest();
      closed = true;
      controller.close();
      return;
    }
    const piece = next.value;
    hash.update(piece);
    byteSize += piece.byteLength;
    pending.push(piece);
    pendingBytes += piece.byteLength;
    controller.enqueue(piece);
    await flush(false);
  };

  // A client that stops reading holds the export's turn and its two connections: past stallMs
  // without asking for more, the download is ended as failed (as a web server's send timeout
  // ends a response the client does not take), and the turn goes to the next export.
  let idle: NodeJS.Timeout | undefined;
  /**
   * Ends an export that will not finish: the engine stops reading, the chunks written so far are
   * rolled back, the connections go back, and the snapshot is recorded failed with `reason`.
   */
  const abandon = async (reason: string) => {
    await iterator.return?.().catch(() => undefined);
    await writing.catch(() => undefined);
    writer.abandon();
    connections.releaseRest();
    await failSnapshot(snapshotId, reason);
  };
  const stalled = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    if (closed) return;
    closed = true;
    await inflight;
    const message = `The download stalled: the client read nothing for ${stallMs / 1000} s`;
    await abandon(message);
    controller.error(new Error(message));
  };

  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        clearTimeout(idle);
        inflight = step(controller).then(
          () => {
            if (!closed) idle = setTimeout(() => void stalled(controller), stallMs);
          },
          async (err) => {
            if (closed) return;
            closed = true;
            await abandon(messageOf(err));
            controller.error(err);
          },
        );
        return inflight;
      },
      async cancel() {
        clearTimeout(idle);
        const wasClosed = closed;
        closed = true;
        await inflight;
        if (wasClosed) return;
        await abandon("The download was cancelled before it finished");
      },
    },
    { highWaterMark: 1 },
  );
  return { snapshotId, fileName, contentType: contentTypeFor(options.type), body };
}
