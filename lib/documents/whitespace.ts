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
 * The text without its blank lines at either end (lines of nothing but spaces, tabs or CR);
 * nothing else changes: a first line's indentation stays (it may be code), and so do the last
 * line's trailing spaces (the text is kept as given).
 */
export function trimBlankEdges(text: string): string {
  if (!/\S/.test(text)) return "";
  // Walked back by hand: a regex for trailing blank lines backtracks badly on long runs of CRLF
  // blank lines followed by text.
  let end = text.length;
  for (let i = text.length - 1; i >= 0 && /\s/.test(text[i]!); i--)
    if (text[i] === "\n") end = text[i - 1] === "\r" ? i - 1 : i;
  return text.slice(0, end).replace(/^(?:[^\S\n]*\n)+/, "");
}

/**
 * The form two documents are compared in for duplicates: line endings as LF and no spaces at the
 * ends of lines, the differences an editor or another system makes to the same text.
 */
export function comparableText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/[^\S\n]+$/gm, "");
}
