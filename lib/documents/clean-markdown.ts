import { parseMarkdown, type Block, type Inline } from "@/lib/markdown";
import { normalizeWhitespace, trimBlankEdges } from "./whitespace";

// Markdown is kept as the author wrote it, markup and all: the chosen answer of a preference
// triple is a span of this text, and what a researcher expects of it is the author's words with
// their formatting (code blocks with their indentation and blank lines, tables as their rows,
// inline code with its backticks, lists with their markers). Rewriting the text and then mapping
// an extract back to the upload was the other way; it cannot give back what cleaning removed
// inside a span, so the cleaned text itself stays a part of the upload, character for character.
// Only what is not the document's text goes: a byte order mark, YAML front matter at the very
// start ("---", "key: value" lines, then "---" or "..."), and blank lines at either end.

// The first line after the opening "---" must be a "key:", so a document opening with a rule is kept.
const FRONT_MATTER = /^---[ \t]*\r?\n(?=[A-Za-z_][\w -]*:)(?:[^\n]*\n)*?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

function inlineText(nodes: Inline[]): string {
  return nodes.map((n) => (n.type === "text" || n.type === "code" ? n.text : inlineText(n.children))).join("");
}

function headingText(block: Block | undefined): string {
  return block?.type === "heading" ? normalizeWhitespace(inlineText(block.children)).replace(/\s+/g, " ") : "";
}

export interface CleanedMarkdown {
  text: string;
  title: string | null;
}

export function cleanMarkdown(source: string): CleanedMarkdown {
  const text = trimBlankEdges(source.replace(/^\uFEFF/, "").replace(FRONT_MATTER, ""));
  const title = headingText(parseMarkdown(text).find((b) => b.type === "heading"));
  return { text, title: title || null };
}
