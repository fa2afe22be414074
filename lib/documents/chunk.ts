import { blockSpans } from "@/lib/markdown";
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
 * Cuts a code block or a table longer than `max` characters between lines into pieces of at most
 * `max` (blank lines between pieces left out); a line longer than `max` is cut as a sentence is.
 */
function splitLines(text: string, start: number, end: number, max: number, out: number[]): void {
  let from = start;
  while (from < end) {
    const limit = advance(text, from, end, max);
    if (limit >= end) {
      out.push(from, end);
      break;
    }
    const newline = text.lastIndexOf("\n", limit);
    let next: number;
    if (newline > from) {
      const pieceEnd = text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      if (pieceEnd > from) out.push(from, pieceEnd);
      next = newline + 1;
    } else {
      const found = text.indexOf("\n", from);
      const lineEnd = found === -1 || found > end ? end : found;
      splitLong(text, from, lineEnd, max, out);
      next = lineEnd + 1;
    }
    // Blank lines go; the next line's indentation stays, it is part of the code.
    from = next;
    for (let nl = from; nl < end; nl++) {
      const code = text.charCodeAt(nl);
      if (code === 10) from = nl + 1;
      else if (code !== 32 && code !== 9 && code !== 13) break;
    }
  }
}

/**
 * The units chunks are made of, as flat [start, end] offsets, and which of them is a heading.
 * Prose is cut into sentences; a code block or a table is one unit, never cut by a sentence
 * rule (a "." in a code comment ends nothing), and is cut between lines only when it alone is
 * longer than the maximum; a heading is a unit of its own.
 */
function unitsOf(text: string, max: number): { units: number[]; heads: boolean[] } {
  const units: number[] = [];
  const heads: boolean[] = [];
  for (const block of blockSpans(text)) {
    const before = units.length;
    if (block.kind === "prose") {
      const spans = sentenceSpans(text.slice(block.start, block.end));
      for (let i = 0; i < spans.length; i += 2)
        splitLong(text, block.start + spans[i]!, block.start + spans[i + 1]!, max, units);
    } else if (block.kind === "heading") {
      splitLong(text, block.start, block.end, max, units);
    } else {
      splitLines(text, block.start, block.end, max, units);
    }
    for (let u = before; u < units.length; u += 2) heads.push(block.kind === "heading" && u === before);
  }
  return { units, heads };
}

/**
 * Cuts cleaned text into chunks of whole units (sentences of prose, code blocks, tables and
 * headings: see unitsOf), each between `minChars` and `maxChars` long where the text allows it.
 * Units are packed greedily up to the maximum, except that a heading starts a new chunk once the
 * chunk has the minimum, and a heading never ends a chunk (one that cannot share a chunk with
 * what follows it is left out); a last chunk shorter than the minimum takes units from the one
 * before it while that one stays at the minimum, unless it starts at a heading; with overlap, a
 * chunk starts with the last `overlapSentences` units of the previous one (fewer when they would
 * leave no room for a new unit, none when the chunk starts at a heading). A text shorter than the
 * minimum is one chunk, or none when `shortDocuments` is DROP. Pure and deterministic.
 */
export function chunkText(text: string, settings: ChunkSettings): TextChunk[] {
  const { minChars: min, maxChars: max, overlapSentences: overlap } = settings;
  const { units, heads } = unitsOf(text, max);
  if (!units.length) return [];
  const first = units[0]!;
  const last = units[units.length - 1]!;
  const [firstAt, lastAt] = codePointIndexes(text, [first, last]) as [number, number];
  if (lastAt - firstAt < min) {
    return settings.shortDocuments === "DROP"
      ? []
      : [{ index: 0, text: text.slice(first, last), start: first, end: last }];
  }
  const count = units.length / 2;
  // Where units start and end in code points: every length below is a difference of these.
  const at = codePointIndexes(text, units);
  const startOf = (u: number) => at[2 * u]!;
  const endOf = (u: number) => at[2 * u + 1]!;

  const lenOf = (range: readonly [number, number]) => endOf(range[1]) - startOf(range[0]);

  /** The chunks of units `from` to `to` (inclusive): one section, headings only at its start. */
  const sectionRanges = (from: number, to: number): [number, number][] => {
    const ranges: [number, number][] = [];
    let a = from;
    while (a <= to) {
      let b = a;
      while (b + 1 <= to && endOf(b + 1) - startOf(a) <= max) b++;
      while (b > a && heads[b]) b--;
      if (heads[b]) break; // headings with no room for anything after them
      ranges.push([a, b]);
      if (b + 1 > to) break;
      // The next chunk repeats up to `overlap` units, leaving room for at least one new one.
      let next = Math.max(b + 1 - overlap, a + 1);
      while (next <= b && endOf(b + 1) - startOf(next) > max) next++;
      a = next;
    }
    // A short last chunk borrows units from the one before it.
    if (ranges.length >= 2) {
      const prev = ranges[ranges.length - 2]!;
      const last = ranges[ranges.length - 1]!;
      if (lenOf(last) < min && endOf(last[1]) - startOf(prev[0]) <= max) {
        // Both fit in one chunk.
        prev[1] = last[1];
        ranges.pop();
      } else {
        while (lenOf(last) < min) {
          const prevEnd = prev[1] - 1;
          const lastStart = last[0] - 1;
          if (prevEnd < prev[0] || lastStart <= prev[0] || heads[prevEnd]) break;
          if (endOf(prevEnd) - startOf(prev[0]) < min) break;
          if (endOf(last[1]) - startOf(lastStart) > max) break;
          prev[1] = prevEnd;
          last[0] = lastStart;
        }
      }
    }
    return ranges;
  };

  // Each section (from a heading, or the text's start, to the next heading) is cut on its own,
  // so a heading starts a chunk; a section shorter than the minimum shares a chunk with the
  // sections after it, else with the chunk before it, when they fit in the maximum together.
  const ranges: [number, number][] = [];
  // A short section that the next one has no room for joins the chunk before it, or stays short.
  const settle = (short: [number, number]) => {
    const before = ranges.at(-1);
    if (before && endOf(short[1]) - startOf(before[0]) <= max) before[1] = short[1];
    else ranges.push(short);
  };
  let pending: [number, number] | null = null;
  for (let from = 0; from < count;) {
    let to = from + 1;
    while (to < count && !(heads[to] && !heads[to - 1])) to++;
    const own = sectionRanges(from, to - 1);
    from = to;
    if (!own.length) continue;
    if (pending) {
      if (endOf(own[0]![1]) - startOf(pending[0]) <= max) own[0]![0] = pending[0];
      else settle(pending);
      pending = null;
    }
    if (own.length === 1 && lenOf(own[0]!) < min) pending = own[0]!;
    // One by one: a long section has more ranges than a call's arguments may hold.
    else for (const range of own) ranges.push(range);
  }
  if (pending) settle(pending);

  const chunks: TextChunk[] = [];
  for (const [k, [first, last]] of ranges.entries()) {
    const start = units[2 * first]!;
    const end = units[2 * last + 1]!;
    chunks.push({ index: k, text: text.slice(start, end), start, end });
  }
  return chunks;
}
