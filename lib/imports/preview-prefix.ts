import { decodeInput } from "./decode";
import { detectFormat, refuseUnsupportedFile, type ImportFormat } from "./detect-format";
import { previewRecords, type ImportPreview, type PreviewOptions } from "./preview";

/**
 * The preview of a file from its first bytes only (the browser sends a slice, not the file).
 * When `complete` is false the cut would show up as problems the file does not have: a
 * character split in two, a last record cut short, a JSON array never closed. Those are trimmed
 * away first, so the last record is simply not shown; when the cut falls inside the first one,
 * the preview has no rows and says `truncated` (a longer start would show it).
 */
export async function previewPrefix(
  bytes: Uint8Array,
  options: PreviewOptions & { complete: boolean },
): Promise<ImportPreview> {
  const { complete, ...preview } = options;
  if (complete) return previewRecords(once(bytes), preview, false);
  refuseUnsupportedFile(preview.fileName);
  let text = "";
  for await (const part of decodeInput(once(bytes.subarray(0, wholeCharacters(bytes))))) text += part;
  const format = preview.format ?? detectFormat(preview.fileName, text);
  const whole = wholeRecords[format](text);
  // Reading nothing would be reported as an empty file, which this one is not.
  if (!whole.trim()) return { format, columns: [], rows: [], errors: [], pairStyle: null, truncated: true };
  return previewRecords(whole, { ...preview, format }, true);
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** The length of `bytes` without a multi-byte UTF-8 character cut off at the end. */
export function wholeCharacters(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!; // back <= bytes.length
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/** The start of a cut text up to the end of its last complete record, by format. */
const wholeRecords: Record<ImportFormat, (text: string) => string> = {
  jsonl: wholeLines,
  text: wholeLines,
  csv: wholeCsvRows,
  json: closedArrayPrefix,
};

/** Up to the last line break; nothing when there is none (the first line is not over yet). */
function wholeLines(text: string): string {
  return text.slice(0, text.lastIndexOf("\n") + 1);
}

/**
 * Up to the last line break outside quotes: a quoted field may hold line breaks (a prompt of
 * several paragraphs), and cutting at one of them would leave a quote that is never closed.
 * Quotes count as csv-parse reads them with relax_quotes: only at the start of a field do they
 * open one, and inside it a doubled quote is a quote character.
 */
export function wholeCsvRows(text: string): string {
  let end = 0;
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === '"' && fieldStart) inQuotes = true;
    else if (c === "\n") end = i + 1;
    fieldStart = c === "," || c === "\n";
  }
  return text.slice(0, end);
}

/**
 * The start of a JSON array up to its last complete element, closed with "]" (an empty array
 * when the first element is not complete yet). Walks the text tracking only strings and nesting
 * depth, as JSON.parse would not say where it stopped.
 */
export function closedArrayPrefix(text: string): string {
  let depth = 0;
  let inString = false;
  let lastElementEnd = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") {
      depth--;
      if (depth === 0) return text; // the whole array is there
      if (depth === 1) lastElementEnd = i + 1;
    }
  }
  if (lastElementEnd !== -1) return `${text.slice(0, lastElementEnd)}]`;
  // Anything but an array is left for the reader to refuse as what it is.
  return text.trimStart().startsWith("[") ? "[]" : text;
}
