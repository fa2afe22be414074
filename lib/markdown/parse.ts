import { parseInline, type Inline } from "./inline";

export type { Inline } from "./inline";

// The subset of markdown document cleaning needs: headings, paragraphs, flat lists, fenced code, and the
// inline marks in ./inline. No raw HTML: a tag is shown as the text it is.
export type Block =
  | { type: "heading"; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "list"; ordered: boolean; items: Inline[][] }
  | { type: "code"; text: string };

const FENCE = /^\s{0,3}(```|~~~)/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const ITEM = /^\s*(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/;
const isBlank = (line: string) => line.trim() === "";
const startsBlock = (line: string) => FENCE.test(line) || HEADING.test(line) || ITEM.test(line);

export interface ParseOptions {
  /**
   * A single newline inside a paragraph or list item is kept as a line break ("\n" in the text)
   * rather than joined with a space: model answers and human ones use it as a line break.
   */
  breaks?: boolean;
}

export function parseMarkdown(source: string, { breaks = false }: ParseOptions = {}): Block[] {
  const join = breaks ? "\n" : " ";
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  // Every read is bounded by `k < lines.length`; "" past the end keeps the type a plain string.
  const at = (k: number) => lines[k] ?? "";
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = at(i);
    if (isBlank(line)) {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      for (i += 1; i < lines.length && !at(i).trimStart().startsWith(fence[1]!); i += 1) body.push(at(i));
      blocks.push({ type: "code", text: body.join("\n") });
      i += 1; // the closing fence (or the end)
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: "heading", level: heading[1]!.length as 1, children: parseInline(heading[2]!) });
      i += 1;
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      const ordered = !item[1];
      const items: string[] = [];
      while (i < lines.length && !isBlank(at(i))) {
        const next = ITEM.exec(at(i));
        if (next && !next[1] === ordered)
          items.push(next[3]!); // group 3 always takes part in a match
        else if (next || FENCE.test(at(i)) || HEADING.test(at(i))) break;
        else items[items.length - 1] += `${join}${at(i).trim()}`; // a wrapped item continues
        i += 1;
      }
      blocks.push({ type: "list", ordered, items: items.map((text) => parseInline(text)) });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !isBlank(at(i)) && !(para.length && startsBlock(at(i)))) {
      para.push(at(i).trim());
      i += 1;
    }
    blocks.push({ type: "paragraph", children: parseInline(para.join(join)) });
  }
  return blocks;
}
