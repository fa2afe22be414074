import "server-only";
import pg from "pg";
import type { ExportOptions } from "./options";
import { exportColumns, jsonSql, valueSql, type ExportContext } from "./formats";
import { decidedSql, parameters, type Bind, type ExportEvaluationMode, type ProjectShape } from "./sql";

// The statements that read a file's rows. Both return every pair of the project, once, in file
// order: the rows that go into the file with their texts, the others as their bucket only (why
// they are left out, or the other split), so the stream counts them as it passes them by.
//
// JSONL lines are built by PostgreSQL and sent by COPY, the fastest way out of it. COPY takes no
// bind parameters, so its values are inlined as literals: strings through pg's escapeLiteral,
// numbers checked finite. A line is the JSON text (for the default split), `#<bucket>` for a
// row only counted, or `#test{…}` for a test row of an unsplit file.

const ORDER = `ORDER BY s."createdAt", s."id"`;

/** A value as an SQL literal: what COPY needs instead of a bind parameter. */
export const literal: Bind = (v) => {
  if (typeof v === "string") return pg.escapeLiteral(v);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`Not a finite number: ${v}`);
    return `(${v})`;
  }
  if (Array.isArray(v)) return `ARRAY[${v.map((x) => literal(String(x))).join(", ")}]::text[]`;
  throw new Error(`Cannot inline a ${typeof v} into SQL`);
};

/** Kept and in the split the file holds. */
function keepSql(o: ExportOptions, bind: Bind): string {
  return o.split === "all" ? "s.final IS NULL" : `s.final IS NULL AND s.split = ${bind(o.split)}`;
}

/** Every pair with its bucket; the file's columns (see ./formats.ts) for the kept ones. For the Parquet cursor. */
export function rowsSql(
  projectId: string,
  mode: ExportEvaluationMode,
  o: ExportOptions,
  ctx: ExportContext,
  shape: ProjectShape,
) {
  const { bind, values } = parameters();
  const decided = decidedSql(projectId, mode, o, bind, shape);
  const keep = keepSql(o, bind);
  // The texts (and judgments) of rows left out are never read out of the table's storage.
  const text = `${decided}
    SELECT coalesce(s.final, s.split) AS bucket, k.keep,
      ${exportColumns(o)
        .map((c) => `CASE WHEN k.keep THEN ${valueSql(c, ctx, bind)} END AS "${c.name}"`)
        .join(",\n      ")}
    FROM s CROSS JOIN LATERAL (SELECT ${keep} AS keep) k
    ${ORDER}`;
  return { text, values };
}

/** The JSON object of one kept row of `s`, in the format's columns: compact, as JSON.stringify writes it. */
function recordJson(o: ExportOptions, ctx: ExportContext): string {
  return `${exportColumns(o)
    .map((c, i) => `${literal(`${i ? "," : "{"}${JSON.stringify(c.name)}:`)} || ${jsonSql(c, ctx, literal)}`)
    .join(" || ")} || '}'`;
}

/**
 * `COPY … TO STDOUT` of the JSONL file, one line per pair. CSV with control characters as the
 * delimiter and quote sends the single column as it is: JSON text never holds a raw control
 * character, so nothing is quoted or escaped.
 */
export function linesCopySql(
  projectId: string,
  mode: ExportEvaluationMode,
  o: ExportOptions,
  ctx: ExportContext,
  shape: ProjectShape,
): string {
  const decided = decidedSql(projectId, mode, o, literal, shape);
  const json = recordJson(o, ctx);
  const line =
    o.split === "all"
      ? `CASE WHEN s.final IS NOT NULL THEN '#' || s.final WHEN s.split = 'train' THEN ${json} ELSE '#test' || ${json} END`
      : `CASE WHEN s.final IS NOT NULL THEN '#' || s.final WHEN s.split = ${literal(o.split)} THEN ${json} ELSE '#' || s.split END`;
  return `COPY (${decided}
    SELECT ${line} FROM s ${ORDER}) TO STDOUT WITH (FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')`;
}
