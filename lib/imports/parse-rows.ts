import type { ImportInput } from "./decode";
import type { ImportFormat } from "./detect-format";
import { Deduper, rowError, type ImportEvent, type RowResult } from "./events";
import { stripNulDeep } from "./nul";
import { openRecords, type FormatOptions } from "./read-records";
import type { RawRecord } from "./record-path";

export interface RowParser<Row> {
  allowed?: readonly ImportFormat[];
  checkHeader(header: readonly string[]): void;
  toRow(record: RawRecord, line: number): RowResult<Row>;
  key(row: Row): string;
}

/** The loop shared by prompt and pair import: read records, validate, drop in-file duplicates. */
export async function* parseRows<Row>(
  input: ImportInput,
  options: FormatOptions,
  parser: RowParser<Row>,
): AsyncGenerator<ImportEvent<Row>> {
  const { format, events } = await openRecords(input, { ...options, allowed: parser.allowed });
  options.onFormat?.(format);
  const dedupe = new Deduper();
  for await (const event of events) {
    if (event.kind === "columns") {
      // Only CSV (and plain text, whose single column is fixed) have a header that binds every row.
      if (format === "csv" || format === "text") parser.checkHeader(event.columns);
    } else if (event.kind === "error") {
      yield rowError(event.line, event.problem);
    } else {
      // Raw NULs went with the decoding; these came from JSON escapes ("\u0000").
      stripNulDeep(event.record, options.onNul ?? (() => {}));
      const result = parser.toRow(event.record, event.line);
      if (!result.ok) {
        yield rowError(event.line, result.problem);
        continue;
      }
      const firstLine = dedupe.check(parser.key(result.row), event.line);
      yield firstLine === undefined
        ? { kind: "row", row: result.row }
        : { kind: "duplicate", line: event.line, firstLine };
    }
  }
}
