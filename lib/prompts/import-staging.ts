import "server-only";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { BulkClient } from "@/lib/bulk-db";
import { getServerEnv } from "@/lib/env";

// An import streams its rows into a TEMP table on a connection of its own, with COPY, and
// publishes them to the real tables at the end in one transaction. So readers never see a
// half-imported file, and nothing is left behind when the import stops for any reason: an
// error, a client that hangs up, a 413, or a killed server. The temporary table lives only as
// long as its connection; on any failure the connection is closed rather than cleaned up, so
// clean-up cannot itself fail. (Writing into the real tables batch by batch and deleting on
// failure needed a clean-up that timed out on large files and left 932,007 prompts behind.)

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

/** Rows are sent to the server once this many characters have piled up. */
const SEND_CHARS = 256 * 1024;

export interface Staging {
  /** The temporary table's name, for the publishing SQL. */
  readonly table: string;
  /** Adds one row, values in the table's column order. Waits when the server falls behind. */
  add(values: StagedValue[]): Promise<void>;
  /** Ends the COPY and runs `publish` in one transaction; the staging table is gone after. */
  publish<T>(publish: (client: BulkClient) => Promise<T>): Promise<T>;
  /** Throws the staged rows away (closes the connection). Safe to call more than once. */
  discard(): Promise<void>;
}

/** Opens a connection and a temporary table with these column definitions. */
export async function openStaging(columns: string): Promise<Staging> {
  // Its own connection, not one of the bulk pool's: an upload can take minutes, and a pooled
  // connection returned with a COPY half done or a temp table in it would be trouble.
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

  let copy: ReturnType<typeof copyFrom>;
  try {
    await client.query(`CREATE TEMP TABLE ${table} (${columns})`);
    copy = client.query(copyFrom(`COPY ${table} FROM STDIN`));
  } catch (err) {
    await close();
    throw err;
  }
  let copyError: unknown;
  copy.on("error", (err) => (copyError ??= err));
  let pending = "";

  const send = async () => {
    if (copyError) throw copyError;
    if (!pending) return;
    const ok = copy.write(pending);
    pending = "";
    if (!ok) await once(copy, "drain");
  };

  return {
    table,
    async add(values) {
      let line = "";
      for (let i = 0; i < values.length; i++) line += (i ? "\t" : "") + copyField(values[i]);
      pending += line + "\n";
      if (pending.length >= SEND_CHARS) await send();
    },
    async publish(publish) {
      try {
        await send();
        copy.end();
        await finished(copy);
        await client.query("BEGIN");
        const result = await publish(client);
        await client.query("COMMIT");
        return result;
      } finally {
        // Committed or not, the connection (and with it the temp table) is done.
        await close();
      }
    },
    discard: close,
  };
}
