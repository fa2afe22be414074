import { ImportFormatError } from "./errors";
import { jsonSourceProblem } from "./json-source";
import { jsonErrorText, jsonRecordEvent, type RecordEvent } from "./record-events";

// V8 strings top out around 512M characters; stop well before, with a useful message.
const MAX_JSON_CHARS = 256 * 1024 * 1024;

/**
 * A JSON array of objects. Unlike the other formats this buffers the whole file, because
 * JSON.parse needs all of it; JSONL is the format to use for very large imports.
 */
export async function* readJsonArray(chunks: AsyncIterable<string>): AsyncGenerator<RecordEvent> {
  let text = "";
  for await (const chunk of chunks) {
    text += chunk;
    if (text.length > MAX_JSON_CHARS) {
      throw new ImportFormatError(
        "too_large",
        "This JSON file is too large to import as one array. Save it as JSONL (one object per line) instead.",
      );
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = jsonErrorText(err);
    const position = message.match(/at position (\d+)/)?.[1];
    const line = position === undefined ? undefined : lineAt(text, Number(position));
    const where = line === undefined ? "" : ` (line ${line})`;
    throw new ImportFormatError("invalid_json", `File is not valid JSON${where}: ${message}`, line);
  }
  if (!Array.isArray(value)) {
    const found = value === null ? "null" : typeof value === "object" ? "an object" : `a ${typeof value}`;
    throw new ImportFormatError(
      "not_an_array",
      `A JSON file must contain an array of objects, but this one contains ${found}. For one object per line, use JSONL.`,
    );
  }
  const { lines, starts } = elements(text);
  for (let i = 0; i < value.length; i++) {
    const line = lines[i] ?? 1;
    const problem = jsonSourceProblem(text.slice(starts[i] ?? 0, starts[i + 1] ?? text.length));
    yield problem ? { kind: "error", line, problem } : jsonRecordEvent(value[i], line);
  }
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < position; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/**
 * The line and the offset at which each top-level array element starts. JSON.parse does not say,
 * so this walks the (already validated) text tracking only strings and nesting depth.
 */
function elements(text: string): { lines: number[]; starts: number[] } {
  const lines: number[] = [];
  const starts: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x0a) line++;
    if (c === 0x0a || c === 0x20 || c === 0x09 || c === 0x0d) continue;
    if (expectElement) {
      lines.push(line);
      starts.push(i);
      expectElement = false;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c && depth === 1) expectElement = true;
  }
  return { lines, starts };
}
