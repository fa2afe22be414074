import { normalizePrompt } from "@/lib/imports";
import { blockSpans } from "@/lib/markdown";
import { CONTAMINATION_NGRAM, SENTENCE_ENDS, type DocumentRunFilters } from "./settings";

// The book's filters for generated items, each a plain function of the item and the run's settings.

/**
 * Where the chunk has the text the extract quotes, once both have their whitespace runs made
 * single spaces (a model copying a passage tends to rejoin its lines, or to flatten a code
 * block's indentation): [start, end) offsets of the author's exact characters, line breaks and
 * indentation included, or null when the chunk does not have it.
 */
export function quotedRange(extract: string, chunk: string): [number, number] | null {
  const needle = extract.replace(/\s+/g, " ").trim();
  if (!needle) return null;
  // The chunk with each whitespace run as one space, and where each of its characters starts
  // and ends in the chunk (a space spans its whole run).
  let collapsed = "";
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of chunk.matchAll(/\s+|\S/g)) {
    collapsed += /^\s/.test(m[0]) ? " " : m[0];
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  const at = collapsed.indexOf(needle);
  return at >= 0 ? [starts[at]!, ends[at + needle.length - 1]!] : null;
}

/**
 * The chunk's own text that the extract quotes (see quotedRange): the author's exact characters,
 * so the chosen answer is their words as written. When only the two texts' Unicode normal forms
 * (NFC) match, the extract itself, as nothing in the chunk is the same text; null when it is not
 * in the chunk.
 */
export function quotedSpan(extract: string, chunk: string): string | null {
  if (!extract.trim()) return null;
  const range = quotedRange(extract, chunk);
  if (range) return chunk.slice(range[0], range[1]);
  return normalizePrompt(chunk).includes(normalizePrompt(extract)) ? extract : null;
}

/**
 * The span from `start` to `end` of the chunk without a section heading it opens with (the
 * heading names the section, it does not answer anything), or null when a heading of the chunk
 * (a markdown one, not a "#" comment in code) lies inside it: such an extract runs from one
 * section into the next.
 */
export function withinSection(chunk: string, start: number, end: number): [number, number] | null {
  let from = start;
  for (const block of blockSpans(chunk)) {
    if (block.kind !== "heading" || block.end <= from) continue;
    if (block.start >= end) break;
    if (block.start > from && chunk.slice(from, block.start).trim()) return null;
    from = block.end;
    while (from < end && /\s/.test(chunk[from]!)) from++;
  }
  return from < end ? [from, end] : null;
}

/**
 * Whether the span from `start` to `end` of the chunk starts or ends in the middle of a line of
 * a code block or a table (a model quoting "Then backprop." out of a "# compute loss. Then
 * backprop." comment): whole lines of code are an answer, half of one is not.
 */
export function cutsCodeLine(chunk: string, start: number, end: number): boolean {
  const lineStart = (i: number) => /(?:^|\n)[ \t]*$/.test(chunk.slice(Math.max(0, i - 200), i));
  const lineEnd = (i: number) => /^[ \t]*(?:\r?\n|$)/.test(chunk.slice(i, i + 200));
  return blockSpans(chunk).some(
    (b) =>
      (b.kind === "code" || b.kind === "table") &&
      ((start > b.start && start < b.end && !lineStart(start)) || (end > b.start && end < b.end && !lineEnd(end))),
  );
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The first source phrase the instruction uses (as whole words, any case), or null. */
export function sourceMention(instruction: string, phrases: readonly string[]): string | null {
  for (const phrase of phrases) {
    const words = phrase.trim().split(/\s+/).map(escape).join("\\s+");
    if (words && new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, "iu").test(instruction)) return phrase;
  }
  return null;
}

/**
 * Why the chosen text fails the run's filters (the first that fails), as a predicate for it
 * ("is shorter than 100 characters"), or null when it passes.
 */
export function chosenFilterFailure(chosen: string, filters: DocumentRunFilters): string | null {
  const text = chosen.trim();
  // Characters are code points, as chunk sizes count them: an emoji or a rare CJK character is one.
  if (filters.minChosenChars !== null && [...text].length < filters.minChosenChars)
    return `is shorter than ${filters.minChosenChars} characters`;
  if (filters.startsUpperCase && startsLowerCase(text)) return "does not start with a capital letter";
  if (filters.endsWithPunctuation && !endsSentence(text)) return `does not end with ${SENTENCE_ENDS}`;
  return null;
}

/**
 * Whether the text's first letter (after opening quotes, brackets or ¿) is a lower-case one that
 * has a capital: scripts without case (Japanese, Chinese, Arabic, Devanagari…) have no capital to
 * start with, so they pass.
 */
function startsLowerCase(text: string): boolean {
  const first = /^[\p{P}\p{S}\s]*(\p{L})/u.exec(text)?.[1];
  return first !== undefined && /\p{Ll}/u.test(first) && first.toUpperCase() !== first;
}

/**
 * Whether the text ends a sentence in any script: Unicode's sentence terminals (. ! ? and 。 ？ ！
 * ؟ । ॥ ። among them) or an ellipsis, followed by any closing quotes or brackets (." .) .” »).
 */
function endsSentence(text: string): boolean {
  return /[\p{Sentence_Terminal}…](?:[\p{Pe}\p{Pf}\p{Pi}"'\s])*$/u.test(text);
}

/** Lower-cased words, letters and digits only. */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize("NFKC")
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** The text's runs of n consecutive words (the whole text when shorter). */
export function shingles(text: string, n = 3): Set<string> {
  const w = words(text);
  if (w.length <= n) return new Set(w.length ? [w.join(" ")] : []);
  const out = new Set<string>();
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(" "));
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let shared = 0;
  for (const s of a) if (b.has(s)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Of the earlier instructions' shingle sets, the index of the first this one nearly duplicates, or -1. */
export function nearDuplicateOf(instruction: string, earlier: readonly Set<string>[], threshold: number): number {
  const own = shingles(instruction);
  return earlier.findIndex((other) => jaccard(own, other) >= threshold);
}

/** The 13-word runs of an evaluation set, for the contamination check. */
export function evaluationNgrams(prompts: readonly string[], n = CONTAMINATION_NGRAM): Set<string> {
  const out = new Set<string>();
  for (const prompt of prompts) {
    const w = words(prompt);
    for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(" "));
  }
  return out;
}

/** Whether the instruction shares a run of n words with the evaluation set. */
export function isContaminated(instruction: string, ngrams: Set<string>, n = CONTAMINATION_NGRAM): boolean {
  if (!ngrams.size) return false;
  const w = words(instruction);
  for (let i = 0; i + n <= w.length; i++) if (ngrams.has(w.slice(i, i + n).join(" "))) return true;
  return false;
}

/** The prompts of an evaluation JSONL: each line's prompt (or instruction, question, text) or a bare string. */
export function readEvaluationJsonl(text: string): { prompts: string[]; badLines: number[] } {
  const prompts: string[] = [];
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const value: unknown = JSON.parse(line);
      const record = value && typeof value === "object" ? (value as Record<string, unknown>) : null;
      const prompt =
        typeof value === "string"
          ? value
          : ["prompt", "instruction", "question", "text"].map((k) => record?.[k]).find((v) => typeof v === "string");
      if (typeof prompt === "string") prompts.push(prompt);
      else badLines.push(i + 1);
    } catch {
      badLines.push(i + 1);
    }
  });
  return { prompts, badLines };
}
