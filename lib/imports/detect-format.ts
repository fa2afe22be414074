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
// bytes as "not UTF-8".
const unsupported = new Set(["xlsx", "xls", "ods", "parquet", "arrow", "feather", "zip", "gz", "tar", "pdf", "docx"]);

/** Checks a format name that came from outside (a form field, a query string). */
export function parseImportFormat(value: string): ImportFormat {
  const parsed = importFormatSchema.safeParse(value);
  if (!parsed.success) {
    throw new ImportFormatError("unknown_format", `Unknown format "${value}". Use one of: ${importFormats.join(", ")}.`);
  }
  return parsed.data;
}

/**
 * The format of a file: by extension when it has a known one, otherwise by looking at the first
 * non-blank characters of `head` (the decoded start of the file).
 */
export function detectFormat(fileName: string | undefined, head: string): ImportFormat {
  const ext = fileName?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (ext && unsupported.has(ext)) {
    throw new ImportFormatError(
      "unknown_format",
      `.${ext} files cannot be imported. Export the data as JSONL, JSON, CSV or plain text.`,
    );
  }
  const known = ext ? byExtension[ext] : undefined;
  const firstLine = head.trimStart().split("\n", 1)[0].trim();
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
  return names.length >= 2 && names.every((n) => n === "" || /^[\p{L}_][\p{L}\p{N}_.\-]{0,63}$/u.test(n));
}
