import { parseMarkdown, type Block, type Inline } from "@/lib/markdown";
import { normalizeWhitespace } from "./whitespace";

// Markdown keeps its words and loses its markup: headings, emphasis and code marks go, a link
// keeps its text, code blocks stay as text, list items become lines. Block quotes lose their ">".

function inlineText(nodes: Inline[]): string {
  return nodes.map((n) => (n.type === "text" || n.type === "code" ? n.text : inlineText(n.children))).join("");
}

function blockText(block: Block): string {
  switch (block.type) {
    case "heading":
    case "paragraph":
      return inlineText(block.children);
    case "list":
      return block.items.map(inlineText).join("\n");
    case "code":
      return block.text;
  }
}

export interface CleanedMarkdown {
  text: string;
  title: string | null;
}

export function cleanMarkdown(source: string): CleanedMarkdown {
  const unquoted = source.replace(/\r\n?/g, "\n").replace(/^[ \t]{0,3}>[ \t]?/gm, "");
  const blocks = parseMarkdown(unquoted);
  const heading = blocks.find((b) => b.type === "heading");
  const title = heading ? normalizeWhitespace(blockText(heading)).replace(/\s+/g, " ") : "";
  return { text: normalizeWhitespace(blocks.map(blockText).join("\n\n")), title: title || null };
}
