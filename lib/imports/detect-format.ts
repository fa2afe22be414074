import { z } from "zod";
import { ImportFormatError } from "./errors";

export const importFormats = ["jsonl", "json", "csv", "text"] as const;
export const importFormatSchema = z.enum(importFormats);
export type ImportFormat = z.infer<typeof importFormatSchema>;

const byExtension: Record<string, ImportFormat> = {
  jsonl: "jsonl",
  ndjson: "jsonl",
  json: "json",
  csv: "csv",
  txt: "text",
};

// Formats people plausibly upload that we cannot read: better to say so than to report the
// bytes as "not UTF-8". Spreadsheets are the usual case, and saving as CSV is the fix.
const spreadsheets: Record<string, string> = {
  xlsx: "Excel files",
  xls: "Excel files",
  ods: "OpenDocument spreadsheets",
};
const unsupported = new Set(["parquet", "arrow", "feather", "zip", "gz", "tar", "pdf", "docx"]);

const extensionOf = (fileName: string | undefined) => fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];

/**
 * Why a file cannot be imported, judged by its name alone, or null. Used by the browser as soon
 * as a file is chosen, and by the server before it reads a byte of the upload.
 */
export function unsupportedFileMessage(fileName: string | undefined): string | null {
  const ext = extensionOf(fileName);
  if (!ext) return null;
  if (spreadsheets[ext]) return `${spreadsheets[ext]} are not supported: save as CSV.`;
  if (unsupported.has(ext))
    return `.${ext} files cannot be imported. Export the data as JSONL, JSON, CSV or plain text.`;
  return null;
}

/** Throws the message above as an import error. */
export function refuseUnsupportedFile(fileName: string | undefined): void {
  const message = unsupportedFileMessage(fileName);
  if (message) throw new ImportFormatError("unknown_format", message);
}

/** Checks a format name that came from outside (a form field, a query string). */
export function parseImportFormat(value: string): ImportFormat {
  const parsed = importFormatSchema.safeParse(value);
  if (!parsed.success) {
    throw new ImportFormatError(
      "unknown_format",
      `Unknown format "${value}". Use one of: ${importFormats.join(", ")}.`,
    );
  }
  return parsed.data;
}

/**
 * The format of a file: by extension when it has a known one, otherwise by looking at the first
 * non-blank characters of `head` (the decoded start of the file).
 */
export function detectFormat(fileName: string | undefined, head: string): ImportFormat {
  refuseUnsupportedFile(fileName);
  const ext = extensionOf(fileName);
  const known = ext ? byExtension[ext] : undefined;
  const firstLine = (head.trimStart().split("\n", 1)[0] ?? "").trim();
  // "data.json" holding one object per line is the most common mix-up; read it as what it is.
  if (known === "json" && firstLine.startsWith("{") && firstLine.endsWith("}")) return "jsonl";
  if (known) return known;
  if (firstLine.startsWith("[")) return "json";
  if (firstLine.startsWith("{")) return "jsonl";
  return looksLikeCsvHeader(firstLine) ? "csv" : "text";
}

// A prompt such as "Write a poem, about cats" has commas too; a header is a list of short
// identifier-like names.
function looksLikeCsvHeader(line: string): boolean {
  const names = line.split(",").map((n) => n.trim().replace(/^"(.*)"$/, "$1"));
  return names.length >= 2 && names.every((n) => n === "" || /^[\p{L}_][\p{L}\p{N}_.-]{0,63}$/u.test(n));
}
