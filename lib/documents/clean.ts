import { cleanHtml } from "./clean-html";
import { cleanMarkdown } from "./clean-markdown";
import { trimBlankEdges } from "./whitespace";
import { clip } from "@/lib/clip";

export type DocumentFormat = "TEXT" | "MARKDOWN" | "HTML";

const EXTENSIONS: Record<string, DocumentFormat> = {
  txt: "TEXT",
  text: "TEXT",
  md: "MARKDOWN",
  markdown: "MARKDOWN",
  html: "HTML",
  htm: "HTML",
};

const extensionOf = (fileName: string) => /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? "";

/** The format a file name says, "zip" for an archive, or null for a type documents do not take. */
export function formatOfFileName(fileName: string): DocumentFormat | "zip" | null {
  const ext = extensionOf(fileName);
  if (ext === "zip") return "zip";
  return EXTENSIONS[ext] ?? null;
}

const TITLE_MAX = 300;

export interface CleanedDocument {
  cleanText: string;
  title: string;
}

/**
 * The text chunks are cut from, and the title: the document's own, else `fallbackTitle`. Plain
 * text and markdown stay as uploaded (see clean-markdown.ts), so a chunk, and a preference
 * triple's chosen extract of it, is a part of the upload exactly; HTML becomes its text.
 */
export function cleanDocument(format: DocumentFormat, rawText: string, fallbackTitle: string): CleanedDocument {
  const cleaned =
    format === "HTML"
      ? cleanHtml(rawText)
      : format === "MARKDOWN"
        ? cleanMarkdown(rawText)
        : { text: trimBlankEdges(rawText.replace(/^\uFEFF/, "")), title: null };
  const title = clip(cleaned.title || fallbackTitle, TITLE_MAX);
  return { cleanText: cleaned.text, title };
}
