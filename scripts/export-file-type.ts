import path from "node:path";
import { EXPORT_FILE_TYPES, EXPORT_FORMATS, type ExportFileType } from "@/lib/export/options";

const byExtension: Record<string, ExportFileType> = {
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".parquet": "parquet",
  ".pq": "parquet",
};

/**
 * The file type of `npm run export`: --type when given, else the --out extension (JSONL unless it
 * says Parquet). A --type that the extension contradicts is refused: a Parquet file named
 * data.jsonl would be fed to a JSON reader later. Returns the type, or the one-line reason.
 */
export function exportFileType(
  out: string,
  type: string | undefined,
  format: string | undefined,
): { type: ExportFileType } | { error: string } {
  // --format is the record layout (trl, orca…); naming a file type there is an easy slip.
  if (format && (EXPORT_FILE_TYPES as readonly string[]).includes(format)) {
    return {
      error: `--format ${format} is a file type: use --type ${format} (--format is ${EXPORT_FORMATS.join(", ")})`,
    };
  }
  const ext = path.extname(out).toLowerCase();
  const fromName = byExtension[ext];
  if (type === undefined) return { type: fromName ?? "jsonl" };
  if (!(EXPORT_FILE_TYPES as readonly string[]).includes(type))
    return { error: `--type must be one of ${EXPORT_FILE_TYPES.join(", ")}` };
  if (fromName && fromName !== type)
    return { error: `--type ${type} contradicts --out ${out} (a ${ext} name): rename the file or change --type` };
  return { type: type as ExportFileType };
}
