import { decodeInput } from "./decode";
import { detectFormat } from "./detect-format";
import { previewImport, type ImportPreview, type PreviewOptions } from "./preview";

/**
 * The preview of a file from its first bytes only (the browser sends a slice, not the file).
 * When `complete` is false the cut would show up as problems the file does not have: a
 * character split in two, a last line cut short, a JSON array never closed. Those are trimmed
 * away first.
 */
export async function previewPrefix(
  bytes: Uint8Array,
  options: PreviewOptions & { complete: boolean },
): Promise<ImportPreview> {
  const { complete, ...preview } = options;
  if (complete) return previewImport(once(bytes), preview);
  let text = "";
  for await (const part of decodeInput(once(bytes.subarray(0, wholeCharacters(bytes))))) text += part;
  const format = preview.format ?? detectFormat(preview.fileName, text);
  return previewImport(format === "json" ? closedArrayPrefix(text) : wholeLines(text), { ...preview, format });
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

function wholeLines(text: string): string {
  const end = text.lastIndexOf("\n");
  return end === -1 ? text : text.slice(0, end + 1);
}

/**
 * The start of a JSON array up to its last complete element, closed with "]". Walks the text
 * tracking only strings and nesting depth, as JSON.parse would not say where it stopped.
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
  return lastElementEnd === -1 ? text : `${text.slice(0, lastElementEnd)}]`;
}
