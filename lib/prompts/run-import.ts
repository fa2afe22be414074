import "server-only";
import type { BulkClient } from "@/lib/bulk-db";
import type { ImportBatch, ImportKind } from "@/lib/generated/prisma/client";
import {
  ImportReportBuilder,
  type ImportEvent,
  type ImportFormat,
  type ImportInput,
  type NulCounter,
} from "@/lib/imports";
import { importBatchView } from "./import-batches";
import { openImportTransaction } from "./import-transaction";
import { sortableId } from "./row-ids";
import type { ImportResult } from "./types";

/** The batch row as the import's last statement reads it back, with its creator's email. */
type StoredBatch = Omit<ImportBatch, "createdAt"> & { createdAtUtc: string; creatorEmail: string | null };

/** The advisory lock imports and deletions of imports in one project take in turn. */
export const importLockKey = (projectId: string) => `imports:${projectId}`;

/** What an import of prompts or pairs is given. */
export interface ImportFileOptions {
  projectId: string;
  userId: string;
  input: ImportInput;
  fileName?: string;
  format?: ImportFormat;
  /** Validated here, before anything is read (an invalid one is an ImportFormatError). */
  mapping?: unknown;
}

export interface ImportSink<Row> {
  /** About how many characters the row adds to a batch. */
  weight(row: Row): number;
  /** Why a parsed row still cannot be stored (it is then reported as invalid), or undefined. */
  unstorable?(row: Row): string | undefined;
  /**
   * Stores a batch of rows inside the import's transaction, after the ImportBatch row
   * `importId` exists, skipping what the project already has. Returns how many were new. A row
   * the project's data makes unstorable is passed to `refuse` (the problem without "line N: ").
   */
  write(client: BulkClient, rows: Row[], importId: string, refuse: RefuseRow): Promise<number>;
}

export type RefuseRow = (line: number, problem: string) => void;

/** Roughly how much a row's metadata adds to a batch. */
export function metadataWeight(metadata: Record<string, unknown>): number {
  for (const _ in metadata) return JSON.stringify(metadata).length;
  return 0;
}

/** The metadata column's value. */
export function metadataJson(metadata: Record<string, unknown>): string {
  for (const _ in metadata) return JSON.stringify(metadata);
  return "{}";
}

export interface RunImportOptions<Row> {
  projectId: string;
  userId: string;
  kind: ImportKind;
  fileName?: string;
  /** The parser's events; both callbacks must be passed on to it (the batch records them). */
  events: (onFormat: (format: ImportFormat) => void, onNul: NulCounter) => AsyncIterable<ImportEvent<Row>>;
}

/**
 * The loop shared by prompt and pair imports: rows are stored while the file is read, in one
 * transaction committed at the end (see import-transaction.ts). Any failure before the commit
 * (a fatal file problem halfway, an upload cut off or over the limit, a database error, the
 * process dying) leaves nothing behind, and until the commit nobody sees any of it.
 */
export async function runImport<Row extends { line: number }>(
  options: RunImportOptions<Row>,
  sink: ImportSink<Row>,
): Promise<ImportResult> {
  const { projectId, userId, kind, fileName } = options;
  const builder = new ImportReportBuilder();
  let format: ImportFormat | undefined;
  let nulsRemoved = 0;
  const importId = sortableId();
  let imported = 0;
  let batchStored = false;
  // The batch row goes in with the first rows (they reference it), once the format is known.
  const storeBatch = async (client: BulkClient) => {
    if (batchStored) return;
    batchStored = true;
    // Imports into one project take turns from their first rows to their commit: each then
    // sees every row the other stored, so neither stores a prompt or pair twice.
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [importLockKey(projectId)]);
    await client.query(
      `INSERT INTO "ImportBatch" ("id", "projectId", "kind", "fileName", "format", "total", "imported", "invalid", "duplicates", "createdById")
       VALUES ($1, $2, $3::"ImportKind", $4, $5, 0, 0, 0, 0, $6)`,
      [importId, projectId, kind, fileName || null, format ?? "unknown", userId],
    );
  };
  const transaction = await openImportTransaction<Row>(async (client, rows) => {
    await storeBatch(client);
    imported += await sink.write(client, rows, importId, (line, problem) =>
      builder.refuse(line, `line ${line}: ${problem}`),
    );
  });
  try {
    const events = options.events(
      (f) => (format = f),
      (n) => (nulsRemoved += n),
    );
    for await (let event of events) {
      const problem = event.kind === "row" ? sink.unstorable?.(event.row) : undefined;
      if (problem && event.kind === "row") {
        event = { kind: "error", line: event.row.line, message: `line ${event.row.line}: ${problem}` };
      }
      builder.add(event);
      if (event.kind === "row") await transaction.add(event.row, sink.weight(event.row));
    }
    let errorsTruncated = false;
    // The answer is read in the transaction, not after it: when the server is being stopped
    // (SIGTERM to the whole process group, or systemd stopping the service), PostgreSQL lets the
    // import's session commit but refuses new connections, and a read after the commit failed
    // with the import stored (a 500 for a file that was imported).
    const batch = await transaction.commit(async (client) => {
      await storeBatch(client);
      // Read after the last batch was stored: the store may have refused rows.
      const report = builder.report;
      errorsTruncated = report.errorsTruncated;
      const { rows } = await client.query<StoredBatch>(
        `WITH b AS (
           UPDATE "ImportBatch" SET "format" = $2, "total" = $3, "imported" = $4, "invalid" = $5, "duplicates" = $6,
             "nulsRemoved" = $7, "errors" = $8::jsonb
           WHERE "id" = $1 RETURNING *)
         SELECT b.*, to_char(b."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAtUtc", u."email" AS "creatorEmail"
         FROM b LEFT JOIN "User" u ON u."id" = b."createdById"`,
        [
          importId,
          format ?? "unknown",
          report.total,
          imported,
          report.invalid,
          // Duplicates within the file, plus valid rows the project already had.
          report.duplicates + (report.valid - imported),
          nulsRemoved,
          JSON.stringify(report.errors),
        ],
      );
      return rows[0]!;
    });
    // Prisma keeps times as UTC without a zone: read the same way here.
    const { createdAtUtc, creatorEmail, ...row } = batch;
    const stored: ImportBatch = { ...row, createdAt: new Date(createdAtUtc) };
    return {
      batch: importBatchView(stored, { id: row.createdById, email: creatorEmail }),
      errorsTruncated,
    };
  } catch (err) {
    await transaction.discard();
    throw err;
  }
}
