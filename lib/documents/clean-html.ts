import { Parser } from "htmlparser2";
import { normalizeWhitespace } from "./whitespace";

// HTML to text with htmlparser2 (a tolerant streaming parser; entities decoded by it). What is
// not the article is left out: scripts, styles, navigation, page header and footer, asides,
// forms and their controls. Block elements become paragraph breaks, <br> a line break. A heading
// gets its markdown marks ("## " for <h2>) and the text of <pre> is kept exactly, as a fenced
// code block: chunking then starts chunks at headings and keeps code whole, as for markdown, and
// an extract of code keeps its indentation. Whitespace elsewhere is normalised (./whitespace.ts).

const SKIPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "nav",
  "header",
  "footer",
  "aside",
  "form",
  "button",
  "select",
  "textarea",
  "input",
  "iframe",
  "object",
  "embed",
  "svg",
  "canvas",
  "head",
  "dialog",
  "menu",
]);
const BLOCKS = new Set([
  "address",
  "article",
  "blockquote",
  "body",
  "caption",
  "dd",
  "details",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "html",
  "li",
  "main",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);
// Markers no text can hold (NUL is removed before cleaning).
const PARAGRAPH = "\u0000P\u0000";
const PRE_OPEN = "\u0000R\u0000";
const PRE_CLOSE = "\u0000/R\u0000";

/** `code` as a fenced block, its fence longer than any run of backticks inside it. */
function fenced(code: string): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}\n${code.replace(/\r\n?/g, "\n").replace(/^\n+|\s+$/g, "")}\n${fence}`;
}

export interface CleanedHtml {
  text: string;
  title: string | null;
}

export function cleanHtml(html: string): CleanedHtml {
  const parts: string[] = [];
  let skipDepth = 0;
  let preDepth = 0;
  let title = "";
  let inTitle = false;
  let h1: string | null = null;
  let h1Depth = 0;
  let h1Text = "";
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === "title") inTitle = true;
        if (skipDepth || SKIPPED.has(name)) {
          if (SKIPPED.has(name)) skipDepth++;
          return;
        }
        if (name === "h1" && h1 === null) h1Depth++;
        if (name === "br") parts.push("\n");
        else if (BLOCKS.has(name)) parts.push(PARAGRAPH);
        if (name === "pre" && !preDepth++) parts.push(PRE_OPEN);
        const heading = /^h([1-6])$/.exec(name);
        if (heading && !preDepth) parts.push(`${"#".repeat(Number(heading[1]))} `);
      },
      ontext(text) {
        if (inTitle) title += text;
        if (skipDepth) return;
        if (h1Depth) h1Text += text;
        parts.push(preDepth ? text : text.replace(/\s+/g, " "));
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
        if (SKIPPED.has(name) && skipDepth) {
          skipDepth--;
          return;
        }
        if (skipDepth) return;
        if (name === "pre" && preDepth && !--preDepth) parts.push(PRE_CLOSE);
        if (name === "h1" && h1Depth) {
          h1Depth--;
          if (!h1Depth) h1 = h1Text.replace(/\s+/g, " ").trim() || null;
        }
        if (BLOCKS.has(name)) parts.push(PARAGRAPH);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  // Whitespace is normalised around the code blocks, never inside them.
  const [before = "", ...blocks] = parts.join("").replaceAll(PARAGRAPH, "\n\n\n").split(PRE_OPEN);
  const pieces = [normalizeWhitespace(before)];
  for (const block of blocks) {
    const close = block.indexOf(PRE_CLOSE);
    const code = close === -1 ? block : block.slice(0, close);
    if (code.trim()) pieces.push(fenced(code));
    if (close !== -1) pieces.push(normalizeWhitespace(block.slice(close + PRE_CLOSE.length)));
  }
  const text = pieces.filter(Boolean).join("\n\n");
  return { text, title: title.replace(/\s+/g, " ").trim() || h1 };
}
