import { Parser } from "htmlparser2";
import { normalizeWhitespace } from "./whitespace";

// HTML to text with htmlparser2 (a tolerant streaming parser; entities decoded by it). What is
// not the article is left out: scripts, styles, navigation, page header and footer, asides,
// forms and their controls. Block elements become paragraph breaks, <br> a line break, and the
// text of <pre> keeps its lines.

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
const PARAGRAPH = "\u0000P\u0000"; // a marker no text can hold (NUL is removed before cleaning)

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
        if (name === "pre") preDepth++;
        if (name === "h1" && h1 === null) h1Depth++;
        if (name === "br") parts.push("\n");
        else if (BLOCKS.has(name)) parts.push(PARAGRAPH);
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
        if (name === "pre" && preDepth) preDepth--;
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
  const text = normalizeWhitespace(parts.join("").replaceAll(PARAGRAPH, "\n\n\n"));
  return { text, title: title.replace(/\s+/g, " ").trim() || h1 };
}
