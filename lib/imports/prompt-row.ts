import { z } from "zod";
import type { RowResult } from "./events";
import { noPromptColumn } from "./mapping-schema";
import { promptKey } from "./normalize";
import { promptColumns, DEFAULT_PROMPT_COLUMNS, type PromptMapping } from "./prompt-mapping";
import { getField, pickFields, type RawRecord } from "./record-path";
import { firstProblem, MAX_EXTERNAL_ID_CHARS, optionalText, requiredText } from "./text-fields";

/** A prompt ready to store. Text is exactly as in the file (only NUL characters are removed). */
export interface PromptRow {
  /** 1-based line the record starts on. */
  line: number;
  prompt: string;
  system?: string;
  externalId?: string;
  metadata: Record<string, unknown>;
  /** promptKey(prompt): the dedupe key, within the file and against prompts already stored. */
  promptKey: string;
}

const promptFieldsSchema = z.object({
  prompt: requiredText(),
  system: optionalText(),
  externalId: optionalText(MAX_EXTERNAL_ID_CHARS),
});

export function toPromptRow(record: RawRecord, line: number, mapping: PromptMapping | undefined): RowResult<PromptRow> {
  const columns = promptColumns(record, mapping);
  if (columns.prompt === undefined) {
    return { ok: false, problem: noPromptColumn(DEFAULT_PROMPT_COLUMNS) };
  }
  const parsed = promptFieldsSchema.safeParse({
    prompt: getField(record, columns.prompt),
    system: columns.system === undefined ? undefined : getField(record, columns.system),
    externalId: columns.externalId === undefined ? undefined : getField(record, columns.externalId),
  });
  if (!parsed.success) {
    const { prompt, system, externalId } = columns;
    const source: Record<string, string | undefined> = { prompt, system, externalId };
    return { ok: false, problem: firstProblem(parsed.error, (field) => `column "${source[field] ?? field}"`) };
  }
  const { prompt, system, externalId } = parsed.data;
  return {
    ok: true,
    row: {
      line,
      prompt,
      ...(system !== undefined && { system }),
      ...(externalId !== undefined && { externalId }),
      metadata: pickFields(record, columns.metadata),
      promptKey: promptKey(prompt),
    },
  };
}
