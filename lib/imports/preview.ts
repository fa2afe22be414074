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
  /** The first records as read, before any mapping or validation (nesting cut off past 20 levels). */
  rows: RawRecord[];
  /** Records that could not be read at all (invalid JSON, wrong column count), at most `limit`. */
  errors: ImportRowError[];
  /** The pair layout the first record follows, if it looks like a preference pair. */
  pairStyle: PairStyle | null;
  /**
   * True when the records ran out before `limit` because the bytes did: the preview was given
   * only the start of a file (previewPrefix), and a longer start would show more.
   */
  truncated: boolean;
}

/**
 * The start of a file, for the column-mapping screen. Reading stops after `limit` records,
 * which consumes (part of) a stream input: the import itself must read the file again.
 */
export async function previewImport(input: ImportInput, options: PreviewOptions = {}): Promise<ImportPreview> {
  return previewRecords(input, options, false);
}

/** previewImport, told whether `input` is only the start of the file. */
export async function previewRecords(
  input: ImportInput,
  options: PreviewOptions,
  isStart: boolean,
): Promise<ImportPreview> {
  const { limit: wanted = 5, ...format } = options;
  const limit = Math.max(1, wanted);
  const opened = await openRecords(input, format);
  let header: string[] | undefined;
  const rows: RawRecord[] = [];
  const errors: ImportRowError[] = [];
  for await (const event of opened.events) {
    if (event.kind === "columns") header = event.columns;
    else if (event.kind === "record") rows.push(clipped(event.record, 0) as RawRecord);
    else errors.push({ line: event.line, message: `line ${event.line}: ${event.problem}` });
    // Returning from the loop closes the generators, and with them the input stream.
    if (rows.length >= limit || errors.length >= limit) break;
  }
  const columns = header ?? [...new Set(rows.flatMap((r) => columnPaths(r)))];
  const pairStyle = (rows[0] && detectPairStyle(rows[0])) ?? null;
  const truncated = isStart && rows.length < limit && errors.length < limit;
  return { format: opened.format, columns, rows, errors, pairStyle, truncated };
}

// A record may nest thousands of levels deep (the import keeps it whole, see nul.ts), but the
// preview goes to the browser as JSON, and JSON.stringify runs out of stack long before: a
// 50,000-deep array made the preview answer 500. A table cell shows little of it anyway.
const MAX_PREVIEW_DEPTH = 20;

function clipped(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (depth >= MAX_PREVIEW_DEPTH) return "…";
  if (Array.isArray(value)) return value.map((v) => clipped(v, depth + 1));
  // Object.fromEntries keeps a "__proto__" key an ordinary one.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clipped(v, depth + 1)]));
}
