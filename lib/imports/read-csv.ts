import { Readable, pipeline } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { ImportFormatError } from "./errors";
import type { RecordEvent } from "./record-events";

// An unclosed quote would otherwise swallow the rest of the file into one field.
const MAX_RECORD_CHARS = 16 * 1024 * 1024;

const csvProblems: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed",
  CSV_MAX_RECORD_SIZE: `a record is longer than ${MAX_RECORD_CHARS / 1024 / 1024} MB (probably an unclosed quote)`,
};

interface CsvRow {
  line: number;
  fields: string[];
}

/**
 * A CSV file whose first non-blank row is the header. Each record reports the line it starts on.
 *
 * csv-parse's own line counter miscounts "\r\n" files, so lines are counted here instead: with
 * empty lines kept (and skipped below), every record spans one line plus the newlines inside
 * its quoted fields.
 * Quoting errors are fatal: after one, csv-parse cannot reliably find where records start.
 */
export async function* readCsv(chunks: AsyncIterable<string>): AsyncGenerator<RecordEvent> {
  // Counted as csv-parse produces each record, not as we consume them: on a fatal error the
  // records still buffered in the stream are dropped, but `line` is then exactly where the
  // failing record starts.
  let line = 1;
  const withLine = (fields: string[]): CsvRow => {
    const start = line;
    line += 1 + fields.reduce((n, f) => n + countNewlines(f), 0);
    return { line: start, fields };
  };
  const parser = parse({
    relax_column_count: true,
    relax_quotes: true, // a stray quote inside an unquoted field (12" pizza) is just a character
    skip_empty_lines: false,
    record_delimiter: ["\r\n", "\n"],
    max_record_size: MAX_RECORD_CHARS,
    // csv-parse types on_record as returning the record type it was given.
    on_record: withLine as unknown as (fields: string[]) => string[],
  });
  // pipeline forwards source errors (invalid UTF-8) and tears everything down on early exit.
  const records = pipeline(Readable.from(chunks), parser, () => {}) as AsyncIterable<CsvRow>;
  let header: string[] | undefined;
  try {
    for await (const { line: start, fields } of records) {
      if (fields.every((f) => !f.trim())) continue;
      if (!header) {
        header = toHeader(fields, start);
        yield { kind: "columns", columns: header };
        continue;
      }
      if (fields.length !== header.length) {
        yield { kind: "error", line: start, problem: `expected ${header.length} columns but found ${fields.length}` };
        continue;
      }
      const names = header;
      yield { kind: "record", line: start, record: Object.fromEntries(names.map((name, i) => [name, fields[i]])) };
    }
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const problem = csvProblems[err.code] ?? err.message;
    throw new ImportFormatError("invalid_csv", `CSV error in the record starting on line ${line}: ${problem}.`, line);
  }
  if (!header) throw new ImportFormatError("missing_header", "The CSV file has no header row naming its columns.");
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function toHeader(fields: string[], line: number): string[] {
  const names = fields.map((f, i) => f.trim() || `column_${i + 1}`);
  if (names.some((n) => n.length > 200 || n.includes("\n"))) {
    throw new ImportFormatError(
      "missing_header",
      `The first row of a CSV file must be a header naming the columns (line ${line} looks like data).`,
      line,
    );
  }
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) {
    throw new ImportFormatError("invalid_csv", `The CSV header names column "${duplicate}" twice.`, line);
  }
  return names;
}
