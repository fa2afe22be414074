import type { ImportPreview } from "@/lib/imports";

// How much of a file the import preview reads. Shared by the browser, which sends a slice of the
// file, and the server, which reads an upload in the same steps and so reads each slice whole:
// a body the server stops reading part way is answered with Connection: close, which a browser
// still uploading may see as a reset rather than as the answer.

/** The first slice: hundreds of ordinary records, so almost every preview takes one request. */
export const PREVIEW_BYTES = 64 * 1024;

/**
 * The longest start of a file the preview reads to find its first record. A text may hold
 * 100,000 characters (MAX_TEXT_CHARS), and a JSON writer escaping non-ASCII as \uXXXX (Python's
 * json.dumps does by default) spends 6 bytes on each. A conversational pair may hold six: its
 * prompt column, the prompt again in chosen and in rejected, the system prompt and the two
 * answers, some 3.6 MB in all.
 */
export const PREVIEW_MAX_BYTES = 4 * 1024 * 1024;

/**
 * How many bytes to read next when a preview of the first `read` bytes showed no record yet
 * because the first one had not ended, or null when this preview is the one to show. Doubling
 * keeps what is read within twice the length of the first record.
 */
export function longerPreviewBytes(preview: Pick<ImportPreview, "rows" | "truncated">, read: number): number | null {
  if (preview.rows.length > 0 || !preview.truncated || read >= PREVIEW_MAX_BYTES) return null;
  return Math.min(read * 2, PREVIEW_MAX_BYTES);
}
