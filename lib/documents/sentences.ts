// Sentence boundaries of cleaned text, as [start, end) spans with the whitespace around each
// sentence left out, so a span is always cleanText.slice(start, end) with no edges to trim.
//
// ICU's sentence rules (what Intl.Segmenter uses) break after any "." followed by a space and an
// upper-case letter or, for some words, a digit; Node 20's ICU applies no abbreviation list. Seen
// with Node 20.20: "Dr. | Smith", "Mr. | Jones", "The U.S. | Army", "M. | Dupont", "J. | K. | Rowling",
// "vol. | 2", "Nr. | 5", "z. | B." are cut, while "e.g. the", "i.e. this", "3.14", "No. 5" and
// "Wait... what?" are not. It also breaks at every newline, so hard-wrapped plain text would be
// cut mid-sentence; after "?" or "!" it breaks even before a lower-case word ("“Is it?” | she
// asked"), and French spacing ("« Bonjour ! »") leaves the closing quote at the start of the next
// sentence. A merge pass joins a sentence to the next one when it ends with a known
// abbreviation (lists below, per language), with an initial ("J.", "z."), with an initialism
// ("U.S."), with a German ordinal before a month ("am 3. Mai"), before a lower-case word, or at a
// single line break without any sentence-ending punctuation; a closing quote or bracket at the
// start of a sentence goes back to the one it closes. The cost of a
// wrong join (a sentence ending on "Plan B." joined to the next) is a longer sentence; a wrong
// cut would split one in two, which is what chunking must avoid.

/** Abbreviations that never end a sentence in running text (lower case, without the final "."). */
const ABBREVIATIONS: Record<string, readonly string[]> = {
  en: [
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "mt",
    "vs",
    "e.g",
    "i.e",
    "cf",
    "approx",
    "dept",
    "est",
    "inc",
    "ltd",
    "corp",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "rev",
    "hon",
    "gov",
    "sen",
    "rep",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
  ],
  de: ["z.b", "d.h", "u.a", "bzw", "ca", "hr", "fr", "vgl", "ggf", "evtl", "inkl", "sog", "bspw", "dipl", "str"],
  fr: ["mme", "mlle", "mm", "me", "pr", "p.ex", "env", "cf"],
};

/** Abbreviations that precede a number ("No. 5", "vol. 2", "Nr. 5", "p. 12"): joined only when a digit follows. */
const BEFORE_NUMBER = new Set(["no", "nos", "nr", "vol", "p", "pp", "fig", "figs", "ch", "sec", "art", "op", "n°"]);

const MONTHS =
  /^(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dez)\b/u;
// Only marks that never open anything: straight quotes and German "“" may open a sentence.
const CLOSING = /^[»”)\]」』】〕）]+/u;
const LOWER_START = /^[\p{Ll}]/u;
const ALWAYS = new Set(Object.values(ABBREVIATIONS).flat());
const INITIALISM = /^(?:\p{L}\.)+\p{L}$/u; // "u.s", "e.u" (the last "." already taken off)
const INITIAL = /^\p{Lu}$|^\p{Ll}$/u; // "J", "z"
const TERMINAL = /[.!?。！？‼⁇⁈⁉…;:]["'”’»)\]]*$/u;

let segmenter: Intl.Segmenter | undefined;
function getSegmenter(): Intl.Segmenter {
  // One segmenter for every language: ICU's sentence rules are the same for all locales in
  // Node 20 (no locale tailoring), and a fixed one keeps chunking independent of the server.
  segmenter ??= new Intl.Segmenter("en", { granularity: "sentence" });
  return segmenter;
}

const isSpace = (code: number) =>
  code === 32 ||
  (code >= 9 && code <= 13) ||
  code === 0xa0 ||
  code === 0x3000 ||
  (code >= 0x2000 && code <= 0x200b) ||
  code === 0x2028 ||
  code === 0x2029 ||
  code === 0x202f ||
  code === 0x205f ||
  code === 0xfeff;

/** The last word of `text` ending at `end` (exclusive), without its final "." and opening punctuation, lower case. */
function lastWord(text: string, start: number, end: number): string | null {
  if (text.charCodeAt(end - 1) !== 46) return null; // "."
  let i = end - 1;
  while (i > start && !isSpace(text.charCodeAt(i - 1)) && end - i < 24) i--;
  return text
    .slice(i, end - 1)
    .replace(/^[("'“‘«[]+/u, "")
    .toLowerCase();
}

function joinsNext(text: string, start: number, end: number, nextStart: number): boolean {
  const next = text.slice(nextStart, nextStart + 16);
  if (LOWER_START.test(next) && !text.slice(end, nextStart).includes("\n")) return true;
  const word = lastWord(text, start, end);
  if (word !== null) {
    if (/^\d+$/.test(word) && MONTHS.test(next)) return true;
    if (ALWAYS.has(word) || INITIALISM.test(word) || INITIAL.test(word)) return true;
    if (BEFORE_NUMBER.has(word)) {
      const code = text.charCodeAt(nextStart);
      return code >= 48 && code <= 57;
    }
  }
  // A single line break with no sentence-ending punctuation before it: a wrapped line.
  if (TERMINAL.test(text.slice(Math.max(start, end - 4), end))) return false;
  let newlines = 0;
  for (let i = end; i < nextStart; i++) if (text.charCodeAt(i) === 10) newlines++;
  return newlines === 1;
}

// Node 20's Intl.Segmenter slows down far more than linearly on long strings (seen here: 80 KB
// in 0.5 s, 160 KB in 35 s), so it is given one paragraph at a time (ICU always breaks at a
// paragraph break, so the boundaries are the same), and a paragraph longer than WINDOW in
// windows: the last sentence of a window may be cut by the window's end, so the next window
// starts at that sentence rather than after it.
const WINDOW = 8_192;

/** ICU's sentence segments of `text`, as absolute [start, end) pairs, found piece by piece. */
export function* segments(text: string): Generator<[number, number]> {
  const segmenter = getSegmenter();
  const paragraphs = /\n[^\S\n]*\n\s*/g;
  let from = 0;
  while (from < text.length) {
    paragraphs.lastIndex = from;
    const found = paragraphs.exec(text);
    const paragraphEnd = found ? found.index + found[0].length : text.length;
    while (from < paragraphEnd) {
      let to = Math.min(paragraphEnd, from + WINDOW);
      const last = to === paragraphEnd;
      if (!last) {
        // End the window at a space, so a word is never cut by it.
        let space = to;
        while (space > from + WINDOW / 2 && !isSpace(text.charCodeAt(space))) space--;
        if (space > from + WINDOW / 2) to = space;
      }
      let pending: [number, number] | null = null;
      for (const { index, segment } of segmenter.segment(text.slice(from, to))) {
        if (pending) yield pending;
        pending = [from + index, from + index + segment.length];
      }
      if (!pending) break;
      if (last || pending[0] === from) {
        // The paragraph's end, or one sentence filling the whole window: taken as it is.
        yield pending;
        from = pending[1];
      } else {
        from = pending[0];
      }
    }
    from = Math.max(from, paragraphEnd);
  }
}

/** Sentence spans as a flat array: [start0, end0, start1, end1, …]. */
export function sentenceSpans(text: string): number[] {
  const spans: number[] = [];
  for (const [segmentStart, segmentEnd] of segments(text)) {
    let start = segmentStart;
    let end = segmentEnd;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (start === end) continue;
    const n = spans.length;
    if (n) {
      // A closing quote or bracket opening this segment belongs to the sentence before.
      const closing = CLOSING.exec(text.slice(start, Math.min(end, start + 8)));
      if (closing) {
        start += closing[0].length;
        spans[n - 1] = start;
        while (start < end && isSpace(text.charCodeAt(start))) start++;
        if (start >= end) continue;
      }
    }
    if (n && joinsNext(text, spans[n - 2]!, spans[n - 1]!, start)) spans[n - 1] = end;
    else spans.push(start, end);
  }
  return spans;
}

/** The sentences of `text` (for tests and the preview). */
export function splitSentences(text: string): string[] {
  const spans = sentenceSpans(text);
  const out: string[] = [];
  for (let i = 0; i < spans.length; i += 2) out.push(text.slice(spans[i], spans[i + 1]));
  return out;
}
