/** What converting one record gives: a row, or the problem (without the "line N: " prefix). */
export type RowResult<Row> = { ok: true; row: Row } | { ok: false; problem: string };

/** What the row parsers yield, in file order. Messages start with "line N: ". */
export type ImportEvent<Row> =
  | { kind: "row"; row: Row }
  | { kind: "error"; line: number; message: string }
  /** A valid row whose key an earlier valid row of the same file already had. */
  | { kind: "duplicate"; line: number; firstLine: number };

export function rowError(line: number, problem: string): ImportEvent<never> {
  return { kind: "error", line, message: `line ${line}: ${problem}` };
}

/**
 * Remembers the key of every valid row (memory grows with the number of distinct rows: about
 * 150 bytes each, so a million rows cost ~150 MB — acceptable for a 200 MB upload).
 */
export class Deduper {
  private readonly seen = new Map<string, number>();

  /** The line of the earlier row with this key, or undefined (and the key is remembered). */
  check(key: string, line: number): number | undefined {
    const first = this.seen.get(key);
    if (first === undefined) this.seen.set(key, line);
    return first;
  }
}
