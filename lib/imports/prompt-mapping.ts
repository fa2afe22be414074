import { z } from "zod";
import { columnNameSchema, metadataColumnsSchema, requireColumns } from "./mapping-schema";
import { firstPresent, unmappedColumns, type RawRecord } from "./record-path";

export const promptMappingSchema = z.object({
  prompt: columnNameSchema,
  system: columnNameSchema.optional(),
  externalId: columnNameSchema.optional(),
  /**
   * Columns copied as they are into the row's metadata, keyed by column name. Left out, every
   * column no other field reads is kept; an empty list keeps none.
   */
  metadata: metadataColumnsSchema,
});
export type PromptMapping = z.infer<typeof promptMappingSchema>;

export const DEFAULT_PROMPT_COLUMNS = ["prompt", "instruction", "question", "text", "input"] as const;
export const DEFAULT_SYSTEM_COLUMNS = ["system", "system_prompt"] as const;
export const DEFAULT_EXTERNAL_ID_COLUMNS = ["id", "external_id"] as const;

/** The columns one record is read from; `prompt` is undefined when no default candidate is present. */
export interface PromptColumns {
  prompt: string | undefined;
  system: string | undefined;
  externalId: string | undefined;
  metadata: readonly string[];
}

/**
 * An explicit mapping is taken as it is (no fallbacks for the fields it leaves out). Without
 * one, each record picks the first conventional column it has, so mixed JSONL works. Columns
 * no field reads are kept as metadata unless the mapping lists the ones to keep.
 */
export function promptColumns(record: RawRecord, mapping: PromptMapping | undefined): PromptColumns {
  const roles = mapping
    ? { prompt: mapping.prompt, system: mapping.system, externalId: mapping.externalId }
    : {
        prompt: firstPresent(record, DEFAULT_PROMPT_COLUMNS),
        system: firstPresent(record, DEFAULT_SYSTEM_COLUMNS),
        externalId: firstPresent(record, DEFAULT_EXTERNAL_ID_COLUMNS),
      };
  return { ...roles, metadata: mapping?.metadata ?? unmappedColumns(record, Object.values(roles)) };
}

/** Fails fast when a CSV header cannot satisfy the mapping. */
export function checkPromptHeader(header: readonly string[], mapping: PromptMapping | undefined): void {
  const columns = promptColumns(Object.fromEntries(header.map((h) => [h, ""])), mapping);
  requireColumns(header, [
    ["prompt", columns.prompt],
    ...(mapping?.system ? [["system", mapping.system] as const] : []),
    ...(mapping?.externalId ? [["external id", mapping.externalId] as const] : []),
    ...columns.metadata.map((m) => ["metadata", m] as const),
  ]);
}
