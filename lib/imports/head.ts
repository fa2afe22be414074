/** Enough of the start of the file to detect its format; the stream itself is left intact. */
export interface PeekedText {
  head: string;
  /** All the text, head included. */
  chunks: AsyncGenerator<string>;
  /** Releases the underlying stream when the caller gives up before reading `chunks`. */
  close(): Promise<void>;
}

const HEAD_LIMIT = 64 * 1024;

// The head must reach past the first non-blank line: sniffing CSV looks at the whole header.
function isEnough(head: string): boolean {
  const first = head.search(/\S/);
  return first !== -1 && (head.indexOf("\n", first) !== -1 || head.length >= HEAD_LIMIT);
}

export async function peekText(chunks: AsyncIterable<string>): Promise<PeekedText> {
  const it = chunks[Symbol.asyncIterator]();
  let head = "";
  let done = false;
  while (!isEnough(head)) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    head += next.value;
  }
  async function* all(): AsyncGenerator<string> {
    let finished = done;
    try {
      if (head) yield head;
      while (!finished) {
        const next = await it.next();
        if (next.done) finished = true;
        else yield next.value;
      }
    } finally {
      if (!finished) await it.return?.();
    }
  }
  return {
    head,
    chunks: all(),
    close: async () => {
      if (!done) await it.return?.();
    },
  };
}
