import { splitLines } from "./lines";
import type { RecordEvent } from "./record-events";

/** One prompt per non-blank line, in a single column called "text". */
export async function* readText(chunks: AsyncIterable<string>): AsyncGenerator<RecordEvent> {
  yield { kind: "columns", columns: ["text"] };
  for await (const { line, text } of splitLines(chunks)) {
    if (text.trim()) yield { kind: "record", line, record: { text } };
  }
}
