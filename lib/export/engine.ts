import "server-only";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import QueryStream from "pg-query-stream";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { bulkPool } from "@/lib/bulk-db";
import { EXCLUSION_REASONS, type ExportCounts, type ExportOptions } from "./options";
import { linesCopySql, rowsSql } from "./file-sql";
import { parquetColumns, type ExportContext } from "./formats";
import { parquetBytes } from "./parquet";
import { countsSql, PROJECT_SHAPE_COLUMNS, type ExportEvaluationMode, type ProjectShape } from "./sql";
import { fileLines, Tally } from "./tally";

export { columnsFor } from "./formats";

// Exports read from PostgreSQL in one pass inside one read-only REPEATABLE READ transaction on a
// plain pg connection. JSONL lines are built by PostgreSQL and arrive by COPY; Parquet rows come
// through a server-side cursor and are encoded here. Either way every pair passes once, and the
// ones left out are counted as they pass, so the counts belong to exactly the rows streamed.
// Only a socket buffer's worth of lines (or, for Parquet, one row group) is ever in memory, and
// backpressure runs end to end: PostgreSQL is read only when the consumer asks for more.

/** Rows fetched from the cursor per round trip. */
const BATCH_ROWS = 1000;

interface ProjectFacts extends ExportContext {
  evaluationMode: ExportEvaluationMode;
  shape: ProjectShape;
}

/** The project's facts; with the `run` option, also checks the run is an instruction run of the project. */
async function projectFacts(client: pg.PoolClient, projectId: string, options: ExportOptions): Promise<ProjectFacts> {
  const { rows } = await client.query<Omit<ProjectFacts, "shape"> & ProjectShape>(
    `SELECT pj."generationMode"::text, pj."evaluationMode"::text, ${PROJECT_SHAPE_COLUMNS}
     FROM "Project" pj WHERE pj."id" = $1`,
    [projectId],
  );
  if (!rows[0]) throw new NotFoundError("Project");
  const { overlap, adjudications, edits, flaggedSkips, ...facts } = rows[0];
  const shape = { overlap, adjudications, edits, flaggedSkips };
  if (options.run !== undefined) {
    const run = await client.query<{ kind: string }>(
      `SELECT "kind"::text FROM "Run" WHERE "id" = $1 AND "projectId" = $2`,
      [options.run, projectId],
    );
    if (!run.rows[0]) throw new NotFoundError("Run");
    if (run.rows[0].kind !== "DOC_INSTRUCTIONS")
      throw new ConflictError(
        "not_instructions",
        "Only an instruction run's items export as SFT data; a preference run's triples are pairs, in the project's own export",
      );
  }
  return { ...facts, shape };
}

async function countIn(
  client: pg.PoolClient,
  projectId: string,
  facts: ProjectFacts,
  options: ExportOptions,
): Promise<ExportCounts> {
  const counts = countsSql(projectId, facts.evaluationMode, options, facts.shape);
  const { rows } = await client.query<{ bucket: string; n: number }>(counts.text, counts.values);
  const by = new Map(rows.map((r) => [r.bucket, r.n]));
  return {
    splits: { train: by.get("train") ?? 0, test: by.get("test") ?? 0 },
    excluded: Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, by.get(r) ?? 0])) as ExportCounts["excluded"],
  };
}

/**
 * Runs `fn` in a read-only snapshot, on `given` or a connection of its own, released at the end
 * either way; a connection left mid-cursor is discarded, not reused.
 */
async function* inSnapshot<T>(
  fn: (client: pg.PoolClient) => AsyncGenerator<T>,
  given?: pg.PoolClient,
): AsyncGenerator<T> {
  const client = given ?? (await bulkPool().connect());
  let done = false;
  try {
    // The server's own work_mem, as for any statement. A large one (64 MB, so the final sort of
    // 1M pairs stays in memory) made the whole statement slower: 8.4 s against 5.9 s on 1M pairs,
    // its hash joins built in one large batch rather than in several small ones.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
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
    const facts = await projectFacts(client, projectId, options);
    yield await countIn(client, projectId, facts, options);
  })) {
    return counts;
  }
  throw new Error("unreachable");
}

export interface ExportStreamHooks {
  /** Called after the last byte with the counts of the rows streamed and of those left out. */
  counts?: (counts: ExportCounts) => void | Promise<void>;
  /** The connection to read on (./connections.ts), released when the stream ends; else one of its own. */
  client?: pg.PoolClient;
}

/** The file's bytes for options.split ("all": every kept row), in a deterministic order. */
export function exportStream(
  projectId: string,
  options: ExportOptions,
  hooks: ExportStreamHooks = {},
): AsyncGenerator<Uint8Array> {
  return inSnapshot(async function* (client) {
    const facts = await projectFacts(client, projectId, options);
    const tally = new Tally();
    if (options.type === "parquet") {
      yield* parquetBytes(keptRecords(client, projectId, facts, options, tally), parquetColumns(options));
    } else {
      const copy = client.query(copyTo(linesCopySql(projectId, facts.evaluationMode, options, facts, facts.shape)));
      yield* fileLines(copy, tally, options.split === "all" ? "train" : options.split);
    }
    await hooks.counts?.(tally.counts());
  }, hooks.client);
}

/** The kept rows, their values already in the file's columns (./formats.ts); the others only counted. */
async function* keptRecords(
  client: pg.PoolClient,
  projectId: string,
  facts: ProjectFacts,
  options: ExportOptions,
  tally: Tally,
) {
  const rows = rowsSql(projectId, facts.evaluationMode, options, facts, facts.shape);
  const cursor = client.query(
    new QueryStream(rows.text, rows.values, { batchSize: BATCH_ROWS, highWaterMark: BATCH_ROWS }),
  );
  for await (const row of cursor as AsyncIterable<Record<string, unknown> & { bucket: string; keep: boolean }>) {
    tally.add(row.bucket);
    if (row.keep) yield row;
  }
}
