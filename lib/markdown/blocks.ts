// Where an author's markdown has its blocks, as offsets into the text as written (nothing is
// rewritten): chunking cuts prose into sentences but keeps a code block or a table whole, starts
// chunks at headings, and the document runs keep a heading out of an extract. Only what those
// need is told apart: a fenced code block (fences included, an unclosed one runs to the end), a
// table (a line starting with "|", or a row with a delimiter row under it, and the lines with a
// "|" that follow), an ATX heading ("## Title") or a one-line setext heading (underlined with
// "===" or "---"), and prose (a run of other non-blank lines: a paragraph, a list, a quote).
// Line endings may be "\n" or "\r\n"; a block's end leaves out its last line's break.

export type BlockKind = "heading" | "code" | "table" | "prose";

export interface BlockSpan {
  kind: BlockKind;
  /** UTF-16 offsets, end exclusive. */
  start: number;
  end: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}#{1,6}(?:[ \t]|\r?$)/;
const SETEXT = /^ {0,3}(?:=+|-+)[ \t]*\r?$/;
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\r?$/;
const isBlank = (line: string) => line.trim() === "";

/** The blocks of `text` in order; blank lines between them belong to none. */
export function blockSpans(text: string): BlockSpan[] {
  // Each line's start offset; a line's text leaves out its "\n" (and keeps a "\r" before it).
  const starts: number[] = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  const count = starts.length;
  const lineEnd = (k: number) => {
    const end = k + 1 < count ? starts[k + 1]! - 1 : text.length;
    return end > starts[k]! && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  };
  const line = (k: number) => text.slice(starts[k], k + 1 < count ? starts[k + 1]! - 1 : text.length);
  const isTableStart = (k: number) =>
    /^ {0,3}\|/.test(line(k)) || (line(k).includes("|") && k + 1 < count && DELIMITER_ROW.test(line(k + 1)));
  const startsBlock = (k: number) => FENCE.test(line(k)) || ATX.test(line(k)) || isTableStart(k);

  const blocks: BlockSpan[] = [];
  const push = (kind: BlockKind, first: number, last: number) =>
    blocks.push({ kind, start: starts[first]!, end: lineEnd(last) });
  let k = 0;
  while (k < count) {
    const current = line(k);
    if (isBlank(current)) {
      k += 1;
      continue;
    }
    const fence = FENCE.exec(current);
    if (fence) {
      const mark = fence[1]!;
      const closing = new RegExp(`^ {0,3}${mark[0] === "`" ? "`" : "~"}{${mark.length},}[ \\t]*\\r?$`);
      let last = k + 1;
      while (last < count && !closing.test(line(last))) last += 1;
      push("code", k, Math.min(last, count - 1));
      k = last + 1;
      continue;
    }
    if (ATX.test(current)) {
      push("heading", k, k);
      k += 1;
      continue;
    }
    if (isTableStart(k)) {
      let last = k;
      while (last + 1 < count && !isBlank(line(last + 1)) && line(last + 1).includes("|")) last += 1;
      push("table", k, last);
      k = last + 1;
      continue;
    }
    if (k + 1 < count && SETEXT.test(line(k + 1))) {
      push("heading", k, k + 1);
      k += 2;
      continue;
    }
    let last = k;
    while (last + 1 < count && !isBlank(line(last + 1)) && !startsBlock(last + 1)) {
      // A line underlined as a setext heading starts its own block.
      if (last + 2 < count && SETEXT.test(line(last + 2)) && !isBlank(line(last + 1))) break;
      last += 1;
    }
    push("prose", k, last);
    k = last + 1;
  }
  return blocks;
}

/** The offsets where heading lines start, for checking that a span of `text` holds none. */
export function headingStarts(text: string): number[] {
  return blockSpans(text)
    .filter((b) => b.kind === "heading")
    .map((b) => b.start);
}
