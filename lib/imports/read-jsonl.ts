import { jsonSourceProblem } from "./json-source";
import { splitLines } from "./lines";
import { jsonErrorText, jsonRecordEvent, type RecordEvent } from "./record-events";

/** One JSON object per line; blank lines are skipped and a bad line never stops the rest. */
export async function* readJsonl(chunks: AsyncIterable<string>): AsyncGenerator<RecordEvent> {
  for await (const { line, text } of splitLines(chunks)) {
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      yield { kind: "error", line, problem: `invalid JSON (${jsonErrorText(err)})` };
      continue;
    }
    const problem = jsonSourceProblem(text);
    yield problem ? { kind: "error", line, problem } : jsonRecordEvent(value, line);
  }
}
