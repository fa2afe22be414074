import "server-only";
import { createHash } from "node:crypto";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { bulkPool } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import { olderThan, pageOf, type TimeCursor } from "@/lib/pagination";
import { contentTypeFor, fileNameFor, type ExportDownload } from "./download";
import { SNAPSHOT_PAGE_DEFAULT } from "./delivery-schemas";
import { snapshotCard } from "./snapshot-card";
import { failAbandonedSnapshots } from "./snapshots";
import type { ExportCounts, ExportFileType, ExportSplit } from "./options";

// Reading snapshots back: the list for the export page, one snapshot, its card, and its file.

export interface SnapshotView {
  id: string;
  createdAt: string;
  completedAt: string | null;
  createdBy: { id: string; email: string | null; name: string | null };
  format: string;
  fileType: string;
  split: string;
  options: Record<string, unknown>;
  counts: ExportCounts | Record<string, never>;
  rowCount: number;
  byteSize: number;
  checksum: string | null;
  status: "RUNNING" | "COMPLETE" | "FAILED";
  error: string | null;
  fileName: string;
}

const select = {
  id: true,
  createdAt: true,
  completedAt: true,
  createdById: true,
  format: true,
  fileType: true,
  split: true,
  options: true,
  counts: true,
  rowCount: true,
  byteSize: true,
  checksum: true,
  status: true,
  error: true,
  project: { select: { name: true } },
} as const;

type Row = Awaited<ReturnType<typeof findRows>>[number];
const findRows = (projectId: string, at: { id?: string; after?: TimeCursor; take: number }) =>
  db.exportSnapshot.findMany({
    where: { projectId, ...(at.id ? { id: at.id } : {}), ...olderThan(at.after) },
    select,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: at.take,
  });

/** The instruction run a snapshot's rows came from, as its stored options say (the `run` option). */
function runOf(options: unknown): string | undefined {
  const run = (options as { run?: unknown } | null)?.run;
  return typeof run === "string" ? run : undefined;
}

async function toViews(rows: Row[]): Promise<SnapshotView[]> {
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.createdById))] } },
    select: { id: true, email: true, name: true },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map(({ project, createdById, ...r }) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    createdBy: byId.get(createdById) ?? { id: createdById, email: null, name: null },
    options: r.options as Record<string, unknown>,
    counts: r.counts as SnapshotView["counts"],
    byteSize: Number(r.byteSize),
    fileName: fileNameFor(project.name, {
      format: r.format as never,
      type: r.fileType as ExportFileType,
      split: r.split as ExportSplit,
      run: runOf(r.options),
    }),
  }));
}

/** A page of the project's exports, newest first; those left by a stopped server shown failed. */
export async function listSnapshots(
  projectId: string,
  { cursor, limit = SNAPSHOT_PAGE_DEFAULT }: { cursor?: TimeCursor; limit?: number } = {},
): Promise<{ exports: SnapshotView[]; nextCursor: string | null }> {
  await failAbandonedSnapshots(projectId);
  const { page, nextCursor } = pageOf(await findRows(projectId, { after: cursor, take: limit + 1 }), limit);
  return { exports: await toViews(page), nextCursor };
}

export async function getSnapshot(projectId: string, snapshotId: string): Promise<SnapshotView> {
  const [view] = await toViews(await findRows(projectId, { id: snapshotId, take: 1 }));
  if (!view) throw new NotFoundError("Export");
  return view;
}

function requireComplete(view: Pick<SnapshotView, "status">) {
  if (view.status === "RUNNING") throw new ConflictError("not_ready", "This export is still running");
  if (view.status === "FAILED") throw new ConflictError("export_failed", "This export failed; it has no file");
}

/**
 * Deletes a finished snapshot (complete or failed) with its stored file and card: a large
 * export's file takes about as much room in the database as it does on disk. A running one is
 * refused, as its export is still streaming; one whose server stopped is shown failed first
 * (failAbandonedSnapshots), and can then go. A download of the file under way when it is deleted
 * ends in an error, never in a shorter file.
 */
export async function deleteSnapshot(projectId: string, snapshotId: string): Promise<void> {
  await failAbandonedSnapshots(projectId);
  // The check and the delete are one statement: an export cannot be deleted while it runs.
  const { count } = await db.exportSnapshot.deleteMany({
    where: { id: snapshotId, projectId, status: { not: "RUNNING" } },
  });
  if (count) return;
  const row = await db.exportSnapshot.findFirst({ where: { id: snapshotId, projectId }, select: { id: true } });
  if (!row) throw new NotFoundError("Export");
  throw new ConflictError("running", "This export is still running: it can be deleted once it has finished or failed");
}

export async function getSnapshotCard(
  projectId: string,
  snapshotId: string,
): Promise<{ fileName: string; card: string }> {
  const row = await db.exportSnapshot.findFirst({ where: { id: snapshotId, projectId }, select: { status: true } });
  if (!row) throw new NotFoundError("Export");
  requireComplete(row);
  return { fileName: "README.md", card: await snapshotCard(snapshotId) };
}

/** What a download of the snapshot's file is sent as, its bytes aside; a running or failed one is refused. */
export async function snapshotFileFacts(projectId: string, snapshotId: string): Promise<Omit<ExportDownload, "body">> {
  const view = await getSnapshot(projectId, snapshotId);
  requireComplete(view);
  return {
    snapshotId,
    fileName: view.fileName,
    contentType: contentTypeFor(view.fileType as ExportFileType),
    byteSize: view.byteSize,
    checksum: view.checksum ?? undefined,
  };
}

/** Stored bytes read at once when a file is downloaded again. */
const READ_BYTES = 1024 * 1024;

/**
 * The snapshot's file, about READ_BYTES in memory at a time. The bytes are hashed on the way out:
 * a file that no longer matches its checksum, or misses a chunk, ends in an error instead of
 * passing as complete.
 */
export async function openSnapshotFile(projectId: string, snapshotId: string): Promise<ExportDownload> {
  const view = await getSnapshot(projectId, snapshotId);
  requireComplete(view);
  const pool = bulkPool();
  // Chunks are a page each (snapshots.ts), or 1 MB for files stored before: as many are read at
  // once as hold about READ_BYTES.
  const { rows: stored } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "ExportChunk" WHERE "snapshotId" = $1`,
    [snapshotId],
  );
  const chunks = stored[0]!.n;
  const perRead = chunks && view.byteSize ? Math.max(1, Math.round((READ_BYTES * chunks) / view.byteSize)) : 1;
  const hash = createHash("sha256");
  let seq = 0;
  let read = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { rows } = await pool.query<{ seq: number; data: Buffer }>(
          `SELECT seq, data FROM "ExportChunk" WHERE "snapshotId" = $1 AND seq >= $2 ORDER BY seq LIMIT $3`,
          [snapshotId, seq, perRead],
        );
        // Passed on up to the first chunk missing, if any: the next read then starts past it.
        let passed = 0;
        for (const { seq: at, data } of rows) {
          if (at !== seq) break;
          seq++;
          passed++;
          hash.update(data);
          read += data.byteLength;
          controller.enqueue(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        }
        if (passed) return;
        if (read < view.byteSize) {
          // Chunks run out early: deleted meanwhile (deleteSnapshot), or lost.
          const kept = await pool.query(`SELECT 1 FROM "ExportSnapshot" WHERE "id" = $1`, [snapshotId]);
          controller.error(
            new Error(
              kept.rowCount
                ? `Export ${snapshotId} is missing stored bytes after byte ${read} of ${view.byteSize}`
                : `Export ${snapshotId} was deleted during the download`,
            ),
          );
          return;
        }
        if (hash.digest("hex") !== view.checksum)
          controller.error(new Error(`Export ${snapshotId} no longer matches its checksum`));
        else controller.close();
      },
    },
    { highWaterMark: 1 },
  );
  return {
    snapshotId,
    fileName: view.fileName,
    contentType: contentTypeFor(view.fileType as ExportFileType),
    body,
    byteSize: view.byteSize,
    checksum: view.checksum ?? undefined,
  };
}
