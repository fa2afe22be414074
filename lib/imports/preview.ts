import type { ImportInput } from "./decode";
import type { ImportFormat } from "./detect-format";
import type { ImportRowError } from "./report";
import { detectPairStyle, type PairStyle } from "./pair-mapping";
import { openRecords, type FormatOptions } from "./read-records";
import { columnPaths, type RawRecord } from "./record-path";

export interface PreviewOptions extends FormatOptions {
  /** How many records to return (default 5). */
  limit?: number;
}

export interface ImportPreview {
  format: ImportFormat;
  /** The header for CSV; otherwise every key (and dotted path into nested objects) seen in `rows`. */
  columns: string[];
  /** The first records as read, before any mapping or validation. */
  rows: RawRecord[];
  /** Records that could not be read at all (invalid JSON, wrong column count), at most `limit`. */
  errors: ImportRowError[];
  /** The pair layout the first record follows, if it looks like a preference pair. */
  pairStyle: PairStyle | null;
}

/**
 * The start of a file, for the column-mapping screen. Reading stops after `limit` records,
 * which consumes (part of) a stream input: the import itself must read the file again.
 */
export async function previewImport(input: ImportInput, options: PreviewOptions = {}): Promise<ImportPreview> {
  const { limit: wanted = 5, ...format } = options;
  const limit = Math.max(1, wanted);
  const opened = await openRecords(input, format);
  let header: string[] | undefined;
  const rows: RawRecord[] = [];
  const errors: ImportRowError[] = [];
  for await (const event of opened.events) {
    if (event.kind === "columns") header = event.columns;
    else if (event.kind === "record") rows.push(event.record);
    else errors.push({ line: event.line, message: `line ${event.line}: ${event.problem}` });
    // Returning from the loop closes the generators, and with them the input stream.
    if (rows.length >= limit || errors.length >= limit) break;
  }
  const columns = header ?? [...new Set(rows.flatMap((r) => columnPaths(r)))];
  return { format: opened.format, columns, rows, errors, pairStyle: (rows[0] && detectPairStyle(rows[0])) ?? null };
}
