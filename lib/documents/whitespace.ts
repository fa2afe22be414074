// Whitespace of cleaned text: runs of spaces and tabs become one space, lines lose their edge
// spaces, line endings become "\n", three or more line breaks become one paragraph break, and the
// text loses its leading and trailing blank space. Everything else (punctuation, apostrophes,
// quotes, any Unicode) is kept as it was.
export function normalizeWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * The text without its leading blank lines and trailing blank space; nothing inside it changes
 * (a first line's indentation stays, it may be code).
 */
export function trimBlankEdges(text: string): string {
  return text.replace(/^(?:[^\S\n]*\n)+/, "").trimEnd();
}

/**
 * The form two documents are compared in for duplicates: line endings as LF and no spaces at the
 * ends of lines, the differences an editor or another system makes to the same text.
 */
export function comparableText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/[^\S\n]+$/gm, "");
}
