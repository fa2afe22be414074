import "server-only";
import pg from "pg";
import type { ExportOptions } from "./options";
import type { ExportContext } from "./records";
import { decidedSql, parameters, type Bind, type ExportEvaluationMode } from "./sql";

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

/** Judgments are read per kept row only, and only when the file carries them. */
const JUDGE_RATIONALE = `(SELECT j."rationale" FROM "Judgment" j WHERE j."pairId" = s."id" AND j."status" = 'OK' AND j."rationale" IS NOT NULL
  ORDER BY j."swapped" LIMIT 1)`;

/** Every pair with its bucket; the record's columns (see ./records.ts) for the kept ones. For the Parquet cursor. */
export function rowsSql(projectId: string, mode: ExportEvaluationMode, o: ExportOptions) {
  const { bind, values } = parameters();
  const decided = decidedSql(projectId, mode, o, bind);
  const keep = keepSql(o, bind);
  const columns: [string, string][] = [
    [`s."id"`, "id"], ["s.prompt", "prompt"], [`s."system"`, "system"], ["coalesce(s.edited, s.chosen)", "chosen"], ["s.rejected", "rejected"],
  ];
  if (o.metadata) {
    columns.push(
      ["lower(s.source::text)", "source"], ["s.lsrc", "label_source"], ["s.chosen_model", "chosen_model"], ["s.rejected_model", "rejected_model"],
      ["s.votes", "votes"], ["s.agreement", "agreement"], ["s.edited IS NOT NULL", "chosen_edited"],
      [`to_char(s."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`, "created_at"],
      [`(SELECT json_agg(json_build_object('order', CASE WHEN j."swapped" THEN 'B_first' ELSE 'A_first' END,
          'winner', j."winner", 'score_a', j."scoreA", 'score_b', j."scoreB") ORDER BY j."swapped")
        FROM "Judgment" j WHERE j."pairId" = s."id" AND j."status" = 'OK')`, "judge_verdicts"],
      [JUDGE_RATIONALE, "judge_rationale"],
    );
  }
  // The texts (and judgments) of rows left out are never read out of the table's storage.
  const text = `${decided}
    SELECT coalesce(s.final, s.split) AS bucket, k.keep,
      ${columns.map(([expr, name]) => `CASE WHEN k.keep THEN ${expr} END AS ${name}`).join(",\n      ")}
    FROM s CROSS JOIN LATERAL (SELECT ${keep} AS keep) k
    ${ORDER}`;
  return { text, values };
}

// JSON text built in SQL, compact as JSON.stringify writes it: to_json escapes a string the same way.
const str = (e: string) => `to_json(${e})::text`;
const opt = (e: string) => `coalesce(to_json(${e})::text, 'null')`;
const jsonConst = (v: unknown) => literal(JSON.stringify(v));
function obj(fields: [string, string][]): string {
  return `${fields.map(([k, v], i) => `${literal(`${i ? "," : "{"}${JSON.stringify(k)}:`)} || ${v}`).join(" || ")} || '}'`;
}
const message = (role: string, content: string) => obj([["role", jsonConst(role)], ["content", str(content)]]);

/** The JSON object of one kept row of `s`, in the format's columns (the same as ./records.ts). */
function recordJson(o: ExportOptions, ctx: ExportContext): string {
  // A blank system prompt is no system prompt.
  const system = `coalesce(nullif(s."system", ''), ${ctx.systemPrompt ? literal(ctx.systemPrompt) : "NULL::text"})`;
  const prompt = str("s.prompt");
  const chosen = str("coalesce(s.edited, s.chosen)");
  const rejected = str("s.rejected");
  let fields: [string, string][];
  switch (o.format) {
    case "trl":
      fields = [["prompt", prompt], ["chosen", chosen], ["rejected", rejected]];
      break;
    case "trl_conversational": {
      const user = message("user", "s.prompt");
      fields = [
        ["prompt", `CASE WHEN ${system} IS NULL THEN '[' || ${user} || ']' ELSE '[' || ${message("system", system)} || ',' || ${user} || ']' END`],
        ["chosen", `'[' || ${message("assistant", "coalesce(s.edited, s.chosen)")} || ']'`],
        ["rejected", `'[' || ${message("assistant", "s.rejected")} || ']'`],
      ];
      break;
    }
    case "orca":
      fields = [["system", str(`coalesce(${system}, '')`)], ["question", prompt], ["chosen", chosen], ["rejected", rejected]];
      break;
    case "sft":
      fields = [["instruction", prompt], ["output", chosen]];
      break;
  }
  if (o.metadata) {
    const verdict = obj([
      ["order", `CASE WHEN j."swapped" THEN '"B_first"' ELSE '"A_first"' END`],
      ["winner", opt(`j."winner"`)],
      ["score_a", opt(`j."scoreA"`)],
      ["score_b", opt(`j."scoreB"`)],
    ]);
    fields.push(
      ["pair_id", str(`s."id"`)],
      ["source", opt("lower(s.source::text)")],
      ["generation_mode", jsonConst(ctx.generationMode.toLowerCase())],
      ["evaluation_mode", jsonConst(ctx.evaluationMode.toLowerCase())],
      ["label_source", opt("s.lsrc")],
      ["chosen_model", opt("s.chosen_model")],
      ["rejected_model", opt("s.rejected_model")],
      ["votes", "s.votes::text"],
      ["agreement", opt("s.agreement")],
      ["judge_verdicts", `coalesce((SELECT '[' || string_agg(${verdict}, ',' ORDER BY j."swapped") || ']'
        FROM "Judgment" j WHERE j."pairId" = s."id" AND j."status" = 'OK'), '[]')`],
      ["judge_rationale", opt(JUDGE_RATIONALE)],
      ["chosen_edited", `CASE WHEN s.edited IS NOT NULL THEN 'true' ELSE 'false' END`],
      ["created_at", str(`to_char(s."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`)],
    );
  }
  return obj(fields);
}

/**
 * `COPY … TO STDOUT` of the JSONL file, one line per pair. CSV with control characters as the
 * delimiter and quote sends the single column as it is: JSON text never holds a raw control
 * character, so nothing is quoted or escaped.
 */
export function linesCopySql(projectId: string, mode: ExportEvaluationMode, o: ExportOptions, ctx: ExportContext): string {
  const decided = decidedSql(projectId, mode, o, literal);
  const json = recordJson(o, ctx);
  const line =
    o.split === "all"
      ? `CASE WHEN s.final IS NOT NULL THEN '#' || s.final WHEN s.split = 'train' THEN ${json} ELSE '#test' || ${json} END`
      : `CASE WHEN s.final IS NOT NULL THEN '#' || s.final WHEN s.split = ${literal(o.split)} THEN ${json} ELSE '#' || s.split END`;
  return `COPY (${decided}
    SELECT ${line} FROM s ${ORDER}) TO STDOUT WITH (FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')`;
}
