import "server-only";
import QueryStream from "pg-query-stream";
import type pg from "pg";
import { notFound } from "@/lib/api/errors";
import { bulkPool } from "@/lib/bulk-db";
import { EXCLUSION_REASONS, type ExportCounts, type ExportOptions } from "./options";
import { parquetBytes, parquetColumns } from "./parquet";
import { columnsFor, toRecord, type ExportContext, type ExportRow } from "./records";
import { exportSql, type ExportEvaluationMode } from "./sql";

export { columnsFor } from "./records";

// Exports read from PostgreSQL through a server-side cursor inside one read-only REPEATABLE READ
// transaction on a plain pg connection: the counts and the rows see the same data, and only a
// batch of rows (and, for Parquet, one row group) is ever in memory. Backpressure runs end to
// end: the cursor is read only when the consumer of the byte stream asks for more.

/** Rows fetched from the cursor per round trip. */
const BATCH_ROWS = 1000;
/** JSONL bytes gathered before they are handed on. */
const CHUNK_CHARS = 256 * 1024;

interface ProjectFacts extends ExportContext {
  evaluationMode: ExportEvaluationMode;
}

async function projectFacts(client: pg.PoolClient, projectId: string): Promise<ProjectFacts> {
  const { rows } = await client.query<ProjectFacts>(
    `SELECT "systemPrompt", "generationMode"::text, "evaluationMode"::text FROM "Project" WHERE "id" = $1`,
    [projectId],
  );
  if (!rows[0]) throw notFound("Project");
  return rows[0];
}

async function countIn(client: pg.PoolClient, projectId: string, mode: ExportEvaluationMode, options: ExportOptions): Promise<ExportCounts> {
  const { counts } = exportSql(projectId, mode, options);
  const { rows } = await client.query<{ bucket: string; n: number }>(counts.text, counts.values);
  const by = new Map(rows.map((r) => [r.bucket, r.n]));
  return {
    splits: { train: by.get("train") ?? 0, test: by.get("test") ?? 0 },
    excluded: Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, by.get(r) ?? 0])) as ExportCounts["excluded"],
  };
}

/** Runs `fn` in a read-only snapshot; a connection left mid-cursor is discarded, not reused. */
async function* inSnapshot<T>(fn: (client: pg.PoolClient) => AsyncGenerator<T>): AsyncGenerator<T> {
  const client = await bulkPool().connect();
  let done = false;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    // The final ordering sorts every kept row; in memory it is several times faster than on disk.
    await client.query("SET LOCAL work_mem = '64MB'");
    yield* fn(client);
    await client.query("COMMIT");
    done = true;
  } finally {
    client.release(!done);
  }
}

/** Rows per split and rows left out by reason (see ./sql.ts for the order of the checks). */
export async function exportCounts(projectId: string, options: ExportOptions): Promise<ExportCounts> {
  for await (const counts of inSnapshot(async function* (client) {
    const facts = await projectFacts(client, projectId);
    yield await countIn(client, projectId, facts.evaluationMode, options);
  })) {
    return counts;
  }
  throw new Error("unreachable");
}

export interface ExportStreamHooks {
  /** Called before the first byte with the counts of the same snapshot the rows come from. */
  counts?: (counts: ExportCounts) => void | Promise<void>;
}

/** The file's bytes for options.split ("all": every kept row), in a deterministic order. */
export function exportStream(projectId: string, options: ExportOptions, hooks: ExportStreamHooks = {}): AsyncGenerator<Uint8Array> {
  return inSnapshot(async function* (client) {
    const facts = await projectFacts(client, projectId);
    if (hooks.counts) await hooks.counts(await countIn(client, projectId, facts.evaluationMode, options));
    const { rows } = exportSql(projectId, facts.evaluationMode, options);
    const cursor = client.query(new QueryStream(rows.text, rows.values, { batchSize: BATCH_ROWS, highWaterMark: BATCH_ROWS }));
    async function* records() {
      for await (const row of cursor as AsyncIterable<ExportRow>) {
        yield toRecord(row, options.format, facts, options.metadata);
      }
    }
    if (options.type === "parquet") {
      yield* parquetBytes(records(), parquetColumns(options.format, columnsFor(options)));
    } else {
      yield* jsonlBytes(records());
    }
  });
}

async function* jsonlBytes(records: AsyncIterable<Record<string, unknown>>): AsyncGenerator<Uint8Array> {
  let text = "";
  for await (const record of records) {
    // JSON.stringify escapes quotes, backslashes and control characters (so a line never
    // breaks) and keeps every other character, emoji included, as UTF-8.
    text += `${JSON.stringify(record)}\n`;
    if (text.length >= CHUNK_CHARS) {
      yield Buffer.from(text, "utf8");
      text = "";
    }
  }
  if (text) yield Buffer.from(text, "utf8");
}
