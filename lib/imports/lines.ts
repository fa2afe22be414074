/** One physical line of the file, without its line terminator. */
export interface TextLine {
  /** 1-based. */
  line: number;
  text: string;
}

/**
 * Splits text chunks into lines, whatever the chunk boundaries. "\n" and "\r\n" end a line; a
 * lone "\r" does not (nobody produces classic Mac files any more, and CSV parsing agrees).
 */
export async function* splitLines(chunks: AsyncIterable<string>): AsyncGenerator<TextLine> {
  let carry = "";
  let line = 1;
  for await (const chunk of chunks) {
    let nl = chunk.indexOf("\n");
    if (nl === -1) {
      // Appending without searching keeps very long lines linear rather than quadratic.
      carry += chunk;
      continue;
    }
    yield { line: line++, text: stripCr(carry + chunk.slice(0, nl)) };
    let start = nl + 1;
    while ((nl = chunk.indexOf("\n", start)) !== -1) {
      yield { line: line++, text: stripCr(chunk.slice(start, nl)) };
      start = nl + 1;
    }
    carry = chunk.slice(start);
  }
  if (carry) yield { line, text: stripCr(carry) };
}

function stripCr(text: string): string {
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}
