import "server-only";
import { db } from "@/lib/db";
import type { ImportKind } from "@/lib/generated/prisma/client";
import { ImportReportBuilder, type ImportEvent, type ImportFormat, type ImportInput } from "@/lib/imports";
import { importBatchView } from "./import-batches";
import { sortableId } from "./row-ids";
import type { ImportResult } from "./types";

/** Rows per insert (and per transaction)... */
export const IMPORT_BATCH_ROWS = 1000;
/** ...or fewer when they are long: a batch of 1000 prompts of 100,000 characters would be 200 MB. */
export const IMPORT_BATCH_CHARS = 4_000_000;

/** Roughly how much a row's metadata adds to a batch. */
export function metadataWeight(metadata: Record<string, unknown>): number {
  return Object.keys(metadata).length === 0 ? 0 : JSON.stringify(metadata).length;
}

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
  /** Stores one batch of rows, all or none, and returns how many were new to the project. */
  insert(rows: Row[], importId: string): Promise<number>;
  /** Removes every row this import stored (after a failure), including the ImportBatch. */
  discard(importId: string): Promise<void>;
}

export interface RunImportOptions<Row> {
  projectId: string;
  userId: string;
  kind: ImportKind;
  fileName?: string;
  /** The parser's events; `onFormat` must be passed on to it (the batch records the format). */
  events: (onFormat: (format: ImportFormat) => void) => AsyncIterable<ImportEvent<Row>>;
}

/**
 * The loop shared by prompt and pair imports. Rows are written in batches, each in its own
 * transaction, while the next batch is parsed. Any failure (a fatal file problem halfway, an
 * upload cut off or over the limit, a database error) removes everything this import wrote, so
 * an import either lands whole or leaves nothing behind. The ImportBatch row is created with
 * the first batch (its id is the rows' importId) and gets its counts at the end.
 */
export async function runImport<Row extends { line: number }>(
  options: RunImportOptions<Row>,
  sink: ImportSink<Row>,
): Promise<ImportResult> {
  const { projectId, userId, kind, fileName } = options;
  const builder = new ImportReportBuilder();
  let format: ImportFormat | undefined;
  let importId: string | undefined;
  let pending: Row[] = [];
  let pendingChars = 0;
  let imported = 0;
  // At most one batch is being written while the parser reads the next one.
  let writing: Promise<void> = Promise.resolve();

  const openBatch = async () => {
    const id = sortableId();
    const counts = { total: 0, imported: 0, invalid: 0, duplicates: 0 };
    await db.importBatch.create({
      data: { id, projectId, kind, fileName: fileName || null, format: format ?? "unknown", ...counts, createdById: userId },
    });
    return id;
  };
  const flush = async () => {
    const rows = pending;
    pending = [];
    pendingChars = 0;
    await writing;
    if (rows.length === 0) return;
    const id = (importId ??= await openBatch());
    writing = sink.insert(rows, id).then((n) => void (imported += n));
    writing.catch(() => {}); // seen by the next flush or at the end
  };

  try {
    for await (let event of options.events((f) => (format = f))) {
      const problem = event.kind === "row" ? sink.unstorable?.(event.row) : undefined;
      if (problem && event.kind === "row") {
        event = { kind: "error", line: event.row.line, message: `line ${event.row.line}: ${problem}` };
      }
      builder.add(event);
      if (event.kind !== "row") continue;
      pending.push(event.row);
      pendingChars += sink.weight(event.row);
      if (pending.length >= IMPORT_BATCH_ROWS || pendingChars >= IMPORT_BATCH_CHARS) await flush();
    }
    await flush();
    await writing;
    importId ??= await openBatch();
    const report = builder.report;
    const batch = await db.importBatch.update({
      where: { id: importId },
      data: {
        format: format ?? "unknown",
        total: report.total,
        imported,
        invalid: report.invalid,
        // Duplicates within the file, plus valid rows the project already had.
        duplicates: report.duplicates + (report.valid - imported),
        errors: report.errors as unknown as object[],
      },
    });
    return { batch: await importBatchView(batch), errorsTruncated: report.errorsTruncated };
  } catch (err) {
    await writing.catch(() => {});
    if (importId) {
      // The import's own error is the one to report; a failed clean-up is only logged.
      await sink.discard(importId).catch((cleanup: unknown) => {
        console.error(`[import] could not remove import ${importId}:`, cleanup);
      });
    }
    throw err;
  }
}
