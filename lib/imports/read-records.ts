import { decodeInput, type ImportInput } from "./decode";
import { detectFormat, parseImportFormat, refuseUnsupportedFile, type ImportFormat } from "./detect-format";
import { ImportFormatError } from "./errors";
import type { NulCounter } from "./nul";
import { peekText } from "./head";
import { readCsv } from "./read-csv";
import { readJsonArray } from "./read-json-array";
import { readJsonl } from "./read-jsonl";
import type { RecordEvent } from "./record-events";
import { readText } from "./read-text";

export interface FormatOptions {
  /** Forces the format; otherwise it is detected from the file name, then the content. */
  format?: ImportFormat;
  fileName?: string;
  /** Told the settled format (given or detected) before the first record is read. */
  onFormat?: (format: ImportFormat) => void;
  /** Told how many NUL characters were removed, as they are found (see nul.ts). */
  onNul?: NulCounter;
}

interface OpenOptions extends FormatOptions {
  /** What the caller can import; anything else is a fatal "unsupported_format". */
  allowed?: readonly ImportFormat[];
}

const formatNames: Record<ImportFormat, string> = { jsonl: "JSONL", json: "JSON", csv: "CSV", text: "Plain text" };

const readers: Record<ImportFormat, (chunks: AsyncIterable<string>) => AsyncGenerator<RecordEvent>> = {
  jsonl: readJsonl,
  json: readJsonArray,
  csv: readCsv,
  text: readText,
};

/** Decodes the input, settles its format and returns its records, still unread. */
export async function openRecords(
  input: ImportInput,
  options: OpenOptions = {},
): Promise<{ format: ImportFormat; events: AsyncGenerator<RecordEvent> }> {
  // By name first, before a byte is read: a spreadsheet would otherwise be reported as "not UTF-8".
  refuseUnsupportedFile(options.fileName);
  const peeked = await peekText(decodeInput(input, options.onNul));
  try {
    if (!peeked.head.trim()) throw new ImportFormatError("empty", "The file is empty.");
    const format = options.format ? parseImportFormat(options.format) : detectFormat(options.fileName, peeked.head);
    if (options.allowed && !options.allowed.includes(format)) {
      const allowed = options.allowed.map((f) => formatNames[f]).join(", ");
      throw new ImportFormatError(
        "unsupported_format",
        `${formatNames[format]} files cannot be used here; use ${allowed}.`,
      );
    }
    return { format, events: readers[format](peeked.chunks) };
  } catch (err) {
    await peeked.close();
    throw err;
  }
}
