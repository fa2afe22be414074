import "server-only";
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { BulkClient } from "@/lib/bulk-db";
import { getServerEnv } from "@/lib/env";

// An import runs as one plain-pg transaction on a connection of its own: rows are sent with
// COPY into a temporary table, a few MB at a time, moved into the real tables from there while
// the next ones are parsed, and everything commits at the end. So readers never see a
// half-imported file, and nothing is left behind when the import stops for any reason: an
// error, a client that hangs up, a 413, or a killed server (the connection closes, PostgreSQL
// rolls back). On failure the connection is closed rather than rolled back, so clean-up cannot
// itself fail. (Committing batch by batch and deleting them on failure needed a clean-up that
// timed out on large files and left 932,007 prompts behind; a Prisma interactive transaction
// has a 5 s limit.)
//
// The transaction holds the rows it inserted until it commits: a second import of the same
// prompts into the same project waits for the first to finish, then finds them as duplicates.

/** One staged value: text, a number, or SQL NULL. */
export type StagedValue = string | number | null | undefined;

// COPY's text format: backslash escapes for the four characters that would end a field or row.
const escapes: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const special = /[\\\n\r\t]/;
const specials = /[\\\n\r\t]/g;

function copyField(value: StagedValue): string {
  if (value === null || value === undefined) return "\\N";
  const text = typeof value === "string" ? value : String(value);
  return special.test(text) ? text.replace(specials, (c) => escapes[c]) : text;
}

/** Rows are moved in batches of about this many characters (two batches are held at most). */
export const STAGING_BATCH_CHARS = 1_000_000;

export interface StagingOptions {
  /** Column definitions of the temporary table. */
  columns: string;
  /** Moves the staged rows (all of them, in `table`) into the real tables. */
  move(client: BulkClient, table: string): Promise<void>;
}

export interface Staging {
  /** Adds one row, values in the table's column order. Waits when the database falls behind. */
  add(values: StagedValue[]): Promise<void>;
  /** Moves the last rows, runs `last` and commits. The connection is closed after. */
  commit<T>(last: (client: BulkClient) => Promise<T>): Promise<T>;
  /** Rolls everything back (closes the connection). Safe to call more than once. */
  discard(): Promise<void>;
}

/** Opens the import's connection, transaction and temporary table. */
export async function openStaging(options: StagingOptions): Promise<Staging> {
  // Its own connection, not one of the bulk pool's: an upload can take minutes, and a pooled
  // connection must never go back with a transaction open.
  const client = new pg.Client({ connectionString: getServerEnv().DATABASE_URL });
  client.on("error", () => {}); // a dropped connection fails the pending query, which is enough
  await client.connect();
  const table = `import_${randomBytes(8).toString("hex")}`;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await client.end().catch(() => {});
  };
  try {
    await client.query("BEGIN");
    await client.query(`CREATE TEMP TABLE ${table} (${options.columns}) ON COMMIT DROP`);
  } catch (err) {
    await close();
    throw err;
  }

  let pending = "";
  // At most one batch is being moved while the parser fills the next.
  let moving: Promise<void> = Promise.resolve();

  const move = async (rows: string) => {
    await pipeline(Readable.from([rows]), client.query(copyFrom(`COPY ${table} FROM STDIN`)));
    await options.move(client, table);
    await client.query(`TRUNCATE ${table}`);
  };
  const flush = async () => {
    await moving;
    if (!pending) return;
    const rows = pending;
    pending = "";
    moving = move(rows);
    moving.catch(() => {}); // seen by the next flush, or at the commit
  };

  return {
    async add(values) {
      let line = "";
      for (let i = 0; i < values.length; i++) line += (i ? "\t" : "") + copyField(values[i]);
      pending += line + "\n";
      if (pending.length >= STAGING_BATCH_CHARS) await flush();
    },
    async commit(last) {
      try {
        await flush();
        await moving;
        const result = await last(client);
        await client.query("COMMIT");
        return result;
      } finally {
        await close();
      }
    },
    // Closing without waiting for a batch being moved: PostgreSQL rolls it back all the same.
    discard: close,
  };
}
