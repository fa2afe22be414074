import { stripNul, type NulCounter } from "./nul";
import { Utf8Position } from "./utf8";

/** A file upload as it arrives (any async iterable of bytes, e.g. a Node stream), or pasted text. */
export type ImportInput = string | AsyncIterable<Uint8Array>;

/**
 * Turns the input into text chunks without ever holding the whole file: each chunk is decoded
 * as it arrives. Invalid UTF-8 is fatal (ImportFormatError "invalid_utf8") because a guessed
 * encoding would silently corrupt prompts. A leading byte order mark is dropped, and so are
 * NUL characters (see nul.ts), told to `onNul`.
 */
export async function* decodeInput(input: ImportInput, onNul?: NulCounter): AsyncGenerator<string> {
  if (typeof input === "string") {
    const text = stripNul(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input, onNul);
    if (text) yield text;
    return;
  }
  // The default (ignoreBOM: false) strips the BOM, even when it is split across chunks.
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const position = new Utf8Position();
  for await (const chunk of input) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw position.invalid(chunk);
    }
    position.advance(chunk);
    text = stripNul(text, onNul);
    if (text) yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw position.truncated();
  }
  rest = stripNul(rest, onNul);
  if (rest) yield rest;
}
