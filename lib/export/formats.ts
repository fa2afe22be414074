import type { BasicType } from "hyparquet-writer";
import type { ExportFormat, ExportOptions } from "./options";
import type { Bind } from "./sql";

// Every export format, defined once: its columns, each with one SQL expression over the decided
// rows (`s`, see ./sql.ts) and a kind. From this one definition ./file-sql.ts builds both files:
// the JSONL line as JSON text made by PostgreSQL (sent by COPY), and the Parquet row as typed
// values read through a cursor; ./parquet.ts takes the column types from the kinds. A column is
// therefore written the same way in both files by construction (lib/export/formats.test.ts
// reads every format and option back from both and compares them).

/** Project facts every row of a file shares. */
export interface ExportContext {
  generationMode: string;
  evaluationMode: string;
}

/**
 * How a column's value is written. `json` and `messages` columns are JSON text in SQL, inlined
 * as is in JSONL. In Parquet a `json` column (the judge's verdicts) is JSON-typed text, and a
 * `messages` column (a conversation: `[{"role", "content"}, …]`) a list of structs of two
 * strings, as the Hugging Face Hub stores chat datasets: TRL recognises a conversational
 * dataset by its columns being lists of messages, not text that spells one.
 */
export type ColumnKind = "text" | "text?" | "int" | "double?" | "bool" | "timestamp" | "json" | "messages";

export interface ExportColumn {
  name: string;
  kind: ColumnKind;
  /** The value, as an SQL expression over `s` (strings of the context inlined through `lit`). */
  sql: (ctx: ExportContext, lit: Bind) => string;
}

// A blank system prompt is no system prompt.
const system = `nullif(s."system", '')`;
const PROMPT = "s.prompt";
const CHOSEN = "coalesce(s.edited, s.chosen)";
const REJECTED = "s.rejected";

const column = (name: string, kind: ColumnKind, sql: ExportColumn["sql"] | string): ExportColumn => ({
  name,
  kind,
  sql: typeof sql === "string" ? () => sql : sql,
});

/** JSON text for `{"role": …, "content": …}`: compact, as JSON.stringify writes it. */
const message = (role: string, content: string) => `'{"role":"${role}","content":' || to_json(${content})::text || '}'`;
const messages = (...items: string[]) => `'[' || ${items.join(` || ',' || `)} || ']'`;
/** The row's system message first when it has one (none is written for a blank one), then `items`. */
const conversation = (...items: string[]) =>
  `CASE WHEN ${system} IS NULL THEN ${messages(...items)} ELSE ${messages(message("system", system), ...items)} END`;

// The judge's verdicts in the row's own terms: a row names its answers chosen and rejected, never
// A and B, so a verdict about candidate A or B could not be read against it. Each judgment says
// which answer the judge was shown first (its "Answer A", in the rationale and score_a), the
// winner ("chosen", "rejected", or the judge's "tie") and both scores. s.label (A or B in a kept
// row) is the chosen candidate; a judgment not swapped showed candidate A first.
const SHOWN_FIRST = `CASE WHEN j."swapped" = (s.label = 'B') THEN '"chosen"' ELSE '"rejected"' END`;
const WINNER = `CASE WHEN j."winner" IS NULL THEN 'null' WHEN j."winner" = s.label THEN '"chosen"'
    WHEN j."winner" IN ('A', 'B') THEN '"rejected"' ELSE to_json(lower(j."winner"::text))::text END`;
const score = (of: "chosen" | "rejected") =>
  `coalesce(to_json(CASE WHEN (s.label = 'A') = ${of === "chosen"} THEN j."scoreA" ELSE j."scoreB" END)::text, 'null')`;
/** Both orders, the one not swapped first; a panel's judges in a fixed order, so both files list them alike. */
const JUDGMENT_ORDER = `j."swapped", j."endpointId", j."id"`;

// The judgments that count: OK ones of the project's current panel of judges. A judge that left
// the panel keeps its judgments stored, but they no longer decide the pair, so no file shows them.
const PANEL_JUDGMENTS = `"Judgment" j
  JOIN "ProjectEndpoint" pe ON pe."projectId" = j."projectId" AND pe."endpointId" = j."endpointId" AND pe."role" = 'JUDGE'
  JOIN "ModelEndpoint" e ON e."id" = j."endpointId"
  WHERE j."pairId" = s."id" AND j."status" = 'OK'`;

const JUDGE_VERDICTS = `coalesce((SELECT '[' || string_agg('{"judge":' || to_json(e."name")::text
    || ',"model":' || to_json(coalesce(j."model", e."modelId"))::text
    || ',"shown_first":' || ${SHOWN_FIRST} || ',"winner":' || ${WINNER}
    || ',"score_chosen":' || ${score("chosen")} || ',"score_rejected":' || ${score("rejected")} || '}', ','
    ORDER BY ${JUDGMENT_ORDER}) || ']'
  FROM ${PANEL_JUDGMENTS}), '[]')`;

/** Judgments are read per kept row only, and only when the file carries them. */
const JUDGE_RATIONALE = `(SELECT j."rationale" FROM ${PANEL_JUDGMENTS} AND j."rationale" IS NOT NULL
  ORDER BY ${JUDGMENT_ORDER} LIMIT 1)`;

export const FORMAT_COLUMNS: Record<ExportFormat, ExportColumn[]> = {
  trl: [column("prompt", "text", PROMPT), column("chosen", "text", CHOSEN), column("rejected", "text", REJECTED)],
  trl_conversational: [
    column("prompt", "messages", conversation(message("user", PROMPT))),
    column("chosen", "messages", messages(message("assistant", CHOSEN))),
    column("rejected", "messages", messages(message("assistant", REJECTED))),
  ],
  orca: [
    column("system", "text", `coalesce(${system}, '')`),
    column("question", "text", PROMPT),
    column("chosen", "text", CHOSEN),
    column("rejected", "text", REJECTED),
  ],
  sft: [column("instruction", "text", PROMPT), column("output", "text", CHOSEN)],
  // The two dataset types TRL's SFTTrainer reads: prompt-completion (by default it learns from the
  // completion only) and conversational.
  sft_trl: [column("prompt", "text", PROMPT), column("completion", "text", CHOSEN)],
  sft_conversational: [
    column("messages", "messages", conversation(message("user", PROMPT), message("assistant", CHOSEN))),
  ],
};

/**
 * The formats whose rows carry the system message (the first message of trl_conversational's
 * prompt and of sft_conversational's messages, orca's `system`); the others' rows have none,
 * whatever the answers were generated with. The dataset card says which
 * (lib/export/formats.test.ts checks this list against the rows).
 */
export const SYSTEM_FORMATS = [
  "trl_conversational",
  "orca",
  "sft_conversational",
] as const satisfies readonly ExportFormat[];

export const carriesSystem = (format: ExportFormat) => (SYSTEM_FORMATS as readonly ExportFormat[]).includes(format);

/** Provenance columns, after the format's own with the metadata option. */
export const METADATA_COLUMNS: ExportColumn[] = [
  column("pair_id", "text", `s."id"`),
  column("source", "text?", "lower(s.source::text)"),
  column("generation_mode", "text", (ctx, lit) => `${lit(ctx.generationMode.toLowerCase())}::text`),
  column("evaluation_mode", "text", (ctx, lit) => `${lit(ctx.evaluationMode.toLowerCase())}::text`),
  column("label_source", "text?", "s.lsrc"),
  column("chosen_model", "text?", "s.chosen_model"),
  column("rejected_model", "text?", "s.rejected_model"),
  column("rejected_source", "text?", "lower(s.rejected_source::text)"),
  column("chosen_author_id", "text?", "s.chosen_author_id"),
  column("rejected_author_id", "text?", "s.rejected_author_id"),
  column("votes", "int", "s.votes"),
  column("agreement", "double?", "s.agreement"),
  column("judge_verdicts", "json", JUDGE_VERDICTS),
  column("judge_rationale", "text?", JUDGE_RATIONALE),
  column("chosen_edited", "bool", "s.edited IS NOT NULL"),
  column("created_at", "timestamp", `to_char(s."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`),
  // The import's columns that no field read (a source, a topic, scores), as an object.
  column("prompt_metadata", "json", "s.prompt_metadata::text"),
  // A chosen answer copied from an author's document: that document's title.
  column("document_title", "text?", "s.document_title"),
];

/** Provenance columns of an SFT-format file made from an instruction run's items (the `run` option). */
export const ITEM_METADATA_COLUMNS: ExportColumn[] = [
  column("item_id", "text", `s."id"`),
  column("source", "text", "'document'::text"),
  column("run_id", "text", "s.run_id"),
  column("document_id", "text", "s.document_id"),
  column("document_title", "text", "s.document_title"),
  column("chunk_id", "text", "s.chunk_id"),
  column("chunk_index", "int", "s.chunk_index"),
  column("created_at", "timestamp", `to_char(s."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`),
];

type ColumnOptions = Pick<ExportOptions, "format" | "metadata" | "run">;

/** The columns of a file made with these options, in file order. */
export function exportColumns(options: ColumnOptions): ExportColumn[] {
  const metadata = options.run !== undefined ? ITEM_METADATA_COLUMNS : METADATA_COLUMNS;
  return [...FORMAT_COLUMNS[options.format], ...(options.metadata ? metadata : [])];
}

/** The column names of a file made with these options, in file order. */
export function columnsFor(options: ColumnOptions): string[] {
  return exportColumns(options).map((c) => c.name);
}

/** A column's value as JSON text, for the JSONL line. */
export function jsonSql(c: ExportColumn, ctx: ExportContext, lit: Bind): string {
  const e = c.sql(ctx, lit);
  switch (c.kind) {
    case "text":
    case "timestamp":
      return `to_json(${e})::text`;
    case "text?":
    case "double?":
      return `coalesce(to_json(${e})::text, 'null')`;
    case "int":
      return `(${e})::text`;
    case "bool":
      return `CASE WHEN ${e} THEN 'true' ELSE 'false' END`;
    case "json":
    case "messages":
      return e;
  }
}

/** A column's value for the Parquet cursor (JSON text typed json, so the driver parses it). */
export function valueSql(c: ExportColumn, ctx: ExportContext, lit: Bind): string {
  const e = c.sql(ctx, lit);
  return c.kind === "json" || c.kind === "messages" ? `(${e})::json` : e;
}

/** A Parquet column: a basic type, or `messages` (see ColumnKind; ./parquet.ts writes its schema). */
export type ParquetColumn = { name: string } & (
  { type: BasicType; nullable: boolean } | { type: "messages"; nullable: false }
);

const PARQUET_TYPES: Record<ColumnKind, [BasicType | "messages", boolean]> = {
  text: ["STRING", false],
  "text?": ["STRING", true],
  int: ["INT32", false],
  "double?": ["DOUBLE", true],
  bool: ["BOOLEAN", false],
  timestamp: ["TIMESTAMP", false],
  // The verdicts are JSON-typed (DuckDB reads them as JSON; pandas as str).
  json: ["JSON", false],
  messages: ["messages", false],
};

export function parquetColumns(options: ColumnOptions): ParquetColumn[] {
  return exportColumns(options).map((c) => {
    const [type, nullable] = PARQUET_TYPES[c.kind];
    return type === "messages" ? { name: c.name, type, nullable: false } : { name: c.name, type, nullable };
  });
}
