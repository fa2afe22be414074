import { isRecord, type RawRecord } from "./record-path";
import { excerpt } from "@/lib/clip";

/** What the format readers produce; the row parsers turn these into rows. */
export type RecordEvent =
  /** The file's own column list (CSV header, or "text"), sent once before any record. */
  | { kind: "columns"; columns: string[] }
  | { kind: "record"; line: number; record: RawRecord }
  /** A record that could not be read at all; `problem` has no "line N:" prefix. */
  | { kind: "error"; line: number; problem: string };

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return `a ${typeof value}`;
}

/** A JSON value that should be one record. */
export function jsonRecordEvent(value: unknown, line: number): RecordEvent {
  if (isRecord(value)) return { kind: "record", line, record: value };
  return { kind: "error", line, problem: `expected a JSON object, found ${describe(value)}` };
}

/** V8's message, shortened: it can quote the offending input, which may be a whole long line. */
export function jsonErrorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return excerpt(message, 200);
}
