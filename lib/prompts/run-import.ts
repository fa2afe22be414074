import "server-only";
import type { BulkClient } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import type { ImportKind } from "@/lib/generated/prisma/client";
import { ImportReportBuilder, type ImportEvent, type ImportFormat, type ImportInput } from "@/lib/imports";
import type { NulCounter } from "@/lib/imports/nul";
import { importBatchView } from "./import-batches";
import { openStaging, type StagedValue } from "./import-staging";
import { sortableId } from "./row-ids";
import type { ImportResult } from "./types";

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
  /** Column definitions of the staging table. */
  columns: string;
  /** Why a parsed row still cannot be stored (it is then reported as invalid), or undefined. */
  unstorable?(row: Row): string | undefined;
  /** The row's values, in the staging table's column order. */
  stage(row: Row): StagedValue[];
  /**
   * Moves staged rows (a batch at a time) into the project, inside the import's transaction,
   * after the ImportBatch row `importId` exists. Returns how many rows were new to the project.
   */
  publish(client: BulkClient, table: string, importId: string): Promise<number>;
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
 * The loop shared by prompt and pair imports: rows are staged and stored while the file is read,
 * in one transaction committed at the end (see import-staging.ts). Any failure before the commit
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
    await client.query(
      `INSERT INTO "ImportBatch" ("id", "projectId", "kind", "fileName", "format", "total", "imported", "invalid", "duplicates", "createdById")
       VALUES ($1, $2, $3::"ImportKind", $4, $5, 0, 0, 0, 0, $6)`,
      [importId, projectId, kind, fileName || null, format ?? "unknown", userId],
    );
  };
  const staging = await openStaging({
    columns: sink.columns,
    move: async (client, table) => {
      await storeBatch(client);
      imported += await sink.publish(client, table, importId);
    },
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
      if (event.kind === "row") await staging.add(sink.stage(event.row));
    }
    const report = builder.report;
    await staging.commit(async (client) => {
      await storeBatch(client);
      await client.query(
        `UPDATE "ImportBatch" SET "format" = $2, "total" = $3, "imported" = $4, "invalid" = $5, "duplicates" = $6,
           "nulsRemoved" = $7, "errors" = $8::jsonb
         WHERE "id" = $1`,
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
    });
    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: importId } });
    return { batch: await importBatchView(batch), errorsTruncated: report.errorsTruncated };
  } catch (err) {
    await staging.discard();
    throw err;
  }
}
