import { sentenceSpans } from "./sentences";
import type { ChunkSettings } from "./settings";

export interface TextChunk {
  index: number;
  text: string;
  /** Offsets in the text chunked (UTF-16, end exclusive): text === source.slice(start, end). */
  start: number;
  end: number;
}

const isSpace = (code: number) => code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x3000;
const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const isPair = (text: string, i: number) => isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1));

// Limits are in characters as the settings and the documents pages count them (code points, as
// characterCount and PostgreSQL's char_length do), while offsets stay UTF-16 for slicing: an
// emoji is one character of the limit and two units of the offsets, and is never cut in two.

/** The offset `count` code points after `from`, or `end` if the text ends before. */
function advance(text: string, from: number, end: number, count: number): number {
  let i = from;
  for (; count > 0 && i < end; count--) i += isPair(text, i) && i + 1 < end ? 2 : 1;
  return i;
}

/** The code point index of each UTF-16 offset in `offsets` (which must not decrease). */
function codePointIndexes(text: string, offsets: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let n = 0;
  for (const offset of offsets) {
    for (; i < offset; i++, n++) if (isPair(text, i) && i + 1 < offset) i++;
    out.push(n);
  }
  return out;
}

/**
 * Cuts a sentence longer than `max` characters at word boundaries into pieces of at most `max`;
 * a single word longer than `max` is cut at `max` (never inside a surrogate pair).
 */
function splitLong(text: string, start: number, end: number, max: number, out: number[]): void {
  let from = start;
  for (;;) {
    let cut = advance(text, from, end, max);
    if (cut >= end) break;
    // The last space at or before the limit: the piece ends before it, the next starts after it.
    let space = cut;
    while (space > from && !isSpace(text.charCodeAt(space))) space--;
    let pieceEnd: number;
    if (space > from) {
      pieceEnd = space;
      while (pieceEnd > from && isSpace(text.charCodeAt(pieceEnd - 1))) pieceEnd--;
      cut = space;
    } else {
      pieceEnd = cut;
    }
    if (pieceEnd > from) out.push(from, pieceEnd);
    from = cut;
    while (from < end && isSpace(text.charCodeAt(from))) from++;
  }
  if (end > from) out.push(from, end);
}

/**
 * Cuts cleaned text into chunks of whole sentences, each between `minChars` and `maxChars` long
 * where the text allows it. Sentences are packed greedily up to the maximum; a last chunk shorter
 * than the minimum takes sentences from the one before it while that one stays at the minimum;
 * with overlap, a chunk starts with the last `overlapSentences` sentences of the previous one
 * (fewer when they would leave no room for a new sentence). A text shorter than the minimum is
 * one chunk, or none when `shortDocuments` is DROP. Pure and deterministic.
 */
export function chunkText(text: string, settings: ChunkSettings): TextChunk[] {
  const { minChars: min, maxChars: max, overlapSentences: overlap } = settings;
  const sentences = sentenceSpans(text);
  if (!sentences.length) return [];
  const first = sentences[0]!;
  const last = sentences[sentences.length - 1]!;
  const [firstAt, lastAt] = codePointIndexes(text, [first, last]) as [number, number];
  if (lastAt - firstAt < min) {
    return settings.shortDocuments === "DROP"
      ? []
      : [{ index: 0, text: text.slice(first, last), start: first, end: last }];
  }
  // Units: sentences, with those longer than the maximum cut into pieces.
  const units: number[] = [];
  for (let i = 0; i < sentences.length; i += 2) splitLong(text, sentences[i]!, sentences[i + 1]!, max, units);
  const count = units.length / 2;
  // Where units start and end in code points: every length below is a difference of these.
  const at = codePointIndexes(text, units);
  const startOf = (u: number) => at[2 * u]!;
  const endOf = (u: number) => at[2 * u + 1]!;

  // Each chunk as [first unit, last unit] (inclusive).
  const ranges: number[] = [];
  let a = 0;
  while (a < count) {
    let b = a;
    while (b + 1 < count && endOf(b + 1) - startOf(a) <= max) b++;
    ranges.push(a, b);
    if (b + 1 >= count) break;
    // The next chunk repeats up to `overlap` sentences, leaving room for at least one new one.
    let next = Math.max(b + 1 - overlap, a + 1);
    while (next <= b && endOf(b + 1) - startOf(next) > max) next++;
    a = next;
  }

  // A short last chunk borrows sentences from the one before it.
  const n = ranges.length / 2;
  if (n >= 2) {
    const lenOf = (k: number) => endOf(ranges[2 * k + 1]!) - startOf(ranges[2 * k]!);
    const p = n - 2;
    const l = n - 1;
    if (lenOf(l) < min && endOf(ranges[2 * l + 1]!) - startOf(ranges[2 * p]!) <= max) {
      // Both fit in one chunk.
      ranges[2 * p + 1] = ranges[2 * l + 1]!;
      ranges.length -= 2;
    } else {
      while (lenOf(l) < min) {
        const prevEnd = ranges[2 * p + 1]! - 1;
        const lastStart = ranges[2 * l]! - 1;
        if (prevEnd < ranges[2 * p]! || lastStart <= ranges[2 * p]!) break;
        if (endOf(prevEnd) - startOf(ranges[2 * p]!) < min) break;
        if (endOf(ranges[2 * l + 1]!) - startOf(lastStart) > max) break;
        ranges[2 * p + 1] = prevEnd;
        ranges[2 * l] = lastStart;
      }
    }
  }

  const chunks: TextChunk[] = [];
  for (let k = 0; k < ranges.length; k += 2) {
    const start = units[2 * ranges[k]!]!;
    const end = units[2 * ranges[k + 1]! + 1]!;
    chunks.push({ index: k / 2, text: text.slice(start, end), start, end });
  }
  return chunks;
}
