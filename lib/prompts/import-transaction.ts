import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { BulkClient } from "@/lib/bulk-db";
import { getServerEnv } from "@/lib/env";

// An import runs as one plain-pg transaction on a connection of its own: rows are written with
// COPY, a batch at a time while the next batch is parsed, and everything commits at the end. So
// readers never see a half-imported file, and nothing is left behind when the import stops for
// any reason: an error, a client that hangs up, a 413, or a killed server (the connection
// closes and PostgreSQL rolls back). On failure the connection is closed rather than rolled
// back, so clean-up cannot itself fail. (Committing batch by batch and deleting them on failure
// needed a clean-up that timed out on large files and left 932,007 prompts behind; a Prisma
// interactive transaction has a 5 s limit.)

/** One value of a COPY row: text, a number, or SQL NULL. */
export type CopyValue = string | number | null | undefined;

// COPY's text format: backslash escapes for the four characters that would end a field or row.
// (`specials` matches only these keys, so every lookup finds one.)
const escapes: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const special = /[\\\n\r\t]/;
const specials = /[\\\n\r\t]/g;

function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return "\\N";
  const text = typeof value === "string" ? value : String(value);
  return special.test(text) ? text.replace(specials, (c) => escapes[c]!) : text;
}

/** One row in COPY's text format, newline included. */
export function copyLine(values: CopyValue[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) line += (i ? "\t" : "") + copyField(values[i]);
  return `${line}\n`;
}

/** Sends `rows` (from copyLine) with `COPY <target> FROM STDIN`. */
export async function copyRows(client: BulkClient, target: string, rows: string): Promise<void> {
  if (!rows) return;
  await pipeline(Readable.from([rows]), (client as pg.PoolClient).query(copyFrom(`COPY ${target} FROM STDIN`)));
}

/** Rows are written in batches of about this many characters (two batches are held at most). */
export const IMPORT_BATCH_CHARS = 1_000_000;

export interface ImportTransaction<Row> {
  /** Adds one row; waits when the database falls behind. */
  add(row: Row, weight: number): Promise<void>;
  /** Writes the last rows, runs `last` and commits. The connection is closed after. */
  commit<T>(last: (client: BulkClient) => Promise<T>): Promise<T>;
  /** Rolls everything back (closes the connection). Safe to call more than once. */
  discard(): Promise<void>;
}

/** Opens the import's connection and transaction; `write` stores each batch of rows. */
export async function openImportTransaction<Row>(
  write: (client: BulkClient, rows: Row[]) => Promise<void>,
): Promise<ImportTransaction<Row>> {
  // Its own connection, not one of the bulk pool's: an upload can take minutes, and a pooled
  // connection must never go back with a transaction open.
  const client = new pg.Client({ connectionString: getServerEnv().DATABASE_URL });
  client.on("error", () => {}); // a dropped connection fails the pending query, which is enough
  await client.connect();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await client.end().catch(() => {});
  };
  try {
    await client.query("BEGIN");
  } catch (err) {
    await close();
    throw err;
  }

  let pending: Row[] = [];
  let pendingChars = 0;
  // At most one batch is being written while the parser fills the next.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    await writing;
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    pendingChars = 0;
    writing = write(client, rows);
    writing.catch(() => {}); // seen by the next flush, or at the commit
  };

  return {
    async add(row, weight) {
      pending.push(row);
      pendingChars += weight;
      if (pendingChars >= IMPORT_BATCH_CHARS) await flush();
    },
    async commit(last) {
      try {
        await flush();
        await writing;
        const result = await last(client);
        await client.query("COMMIT");
        return result;
      } finally {
        await close();
      }
    },
    // Closing without waiting for a batch being written: PostgreSQL rolls it back all the same.
    discard: close,
  };
}
