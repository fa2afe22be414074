import type { ExportFormat, ExportOptions } from "./options";

// What one exported row looks like in each format. Labels are already resolved in SQL; here a
// row only takes its file shape.

/** A row as the export query returns it (metadata fields only when asked for). */
export interface ExportRow {
  id: string;
  prompt: string;
  system: string | null;
  chosen: string;
  rejected: string;
  source?: string;
  label_source?: string;
  chosen_model?: string | null;
  rejected_model?: string | null;
  votes?: number;
  agreement?: number | null;
  chosen_edited?: boolean;
  created_at?: string;
  judge_verdicts?: JudgeVerdict[] | null;
  judge_rationale?: string | null;
}

export interface JudgeVerdict {
  order: "A_first" | "B_first";
  winner: string | null;
  score_a: number | null;
  score_b: number | null;
}

/** Project facts every row of a file shares. */
export interface ExportContext {
  systemPrompt: string | null;
  generationMode: string;
  evaluationMode: string;
}

const BASE_COLUMNS: Record<ExportFormat, string[]> = {
  trl: ["prompt", "chosen", "rejected"],
  trl_conversational: ["prompt", "chosen", "rejected"],
  orca: ["system", "question", "chosen", "rejected"],
  sft: ["instruction", "output"],
};

export const METADATA_COLUMNS = [
  "pair_id",
  "source",
  "generation_mode",
  "evaluation_mode",
  "label_source",
  "chosen_model",
  "rejected_model",
  "votes",
  "agreement",
  "judge_verdicts",
  "judge_rationale",
  "chosen_edited",
  "created_at",
] as const;

/** The column names of a file made with these options, in file order. */
export function columnsFor(options: Pick<ExportOptions, "format" | "metadata">): string[] {
  return [...BASE_COLUMNS[options.format], ...(options.metadata ? METADATA_COLUMNS : [])];
}

type Message = { role: "system" | "user" | "assistant"; content: string };

/** The row as a plain object in the format's columns (values for JSON or Parquet alike). */
export function toRecord(row: ExportRow, format: ExportFormat, ctx: ExportContext, metadata: boolean): Record<string, unknown> {
  // A blank system prompt is no system prompt.
  const system = row.system || ctx.systemPrompt || null;
  let record: Record<string, unknown>;
  switch (format) {
    case "trl":
      record = { prompt: row.prompt, chosen: row.chosen, rejected: row.rejected };
      break;
    case "trl_conversational": {
      const prompt: Message[] = system ? [{ role: "system", content: system }] : [];
      prompt.push({ role: "user", content: row.prompt });
      record = {
        prompt,
        chosen: [{ role: "assistant", content: row.chosen }],
        rejected: [{ role: "assistant", content: row.rejected }],
      };
      break;
    }
    case "orca":
      record = { system: system ?? "", question: row.prompt, chosen: row.chosen, rejected: row.rejected };
      break;
    case "sft":
      record = { instruction: row.prompt, output: row.chosen };
      break;
  }
  if (!metadata) return record;
  return Object.assign(record, {
    pair_id: row.id,
    source: row.source ?? null,
    generation_mode: ctx.generationMode.toLowerCase(),
    evaluation_mode: ctx.evaluationMode.toLowerCase(),
    label_source: row.label_source ?? null,
    chosen_model: row.chosen_model ?? null,
    rejected_model: row.rejected_model ?? null,
    votes: row.votes ?? 0,
    agreement: row.agreement ?? null,
    judge_verdicts: row.judge_verdicts ?? [],
    judge_rationale: row.judge_rationale ?? null,
    chosen_edited: row.chosen_edited ?? false,
    created_at: row.created_at ?? null,
  });
}
