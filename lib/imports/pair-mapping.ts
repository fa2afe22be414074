import { z } from "zod";
import { columnNameSchema, metadataColumnsSchema, requireColumns } from "./mapping-schema";
import { DEFAULT_EXTERNAL_ID_COLUMNS, DEFAULT_SYSTEM_COLUMNS } from "./prompt-mapping";
import { firstPresent, getField, hasField, unmappedColumns, type RawRecord } from "./record-path";

export const pairMappingSchema = z.object({
  /** Omit when chosen and rejected hold whole conversations: the shared turns are the prompt. */
  prompt: columnNameSchema.optional(),
  system: columnNameSchema.optional(),
  chosen: columnNameSchema,
  rejected: columnNameSchema,
  externalId: columnNameSchema.optional(),
  metadata: metadataColumnsSchema,
});
export type PairMapping = z.infer<typeof pairMappingSchema>;

/** "question" covers the Orca DPO layout (system, question, chosen, rejected). */
export const DEFAULT_PAIR_PROMPT_COLUMNS = ["prompt", "question", "instruction"] as const;

export interface PairColumns {
  prompt: string | undefined;
  system: string | undefined;
  chosen: string;
  rejected: string;
  externalId: string | undefined;
  metadata: readonly string[];
}

export function pairColumns(record: RawRecord, mapping: PairMapping | undefined): PairColumns {
  const roles = mapping
    ? {
        prompt: mapping.prompt,
        system: mapping.system,
        chosen: mapping.chosen,
        rejected: mapping.rejected,
        externalId: mapping.externalId,
      }
    : {
        prompt: firstPresent(record, DEFAULT_PAIR_PROMPT_COLUMNS),
        system: firstPresent(record, DEFAULT_SYSTEM_COLUMNS),
        chosen: "chosen",
        rejected: "rejected",
        externalId: firstPresent(record, DEFAULT_EXTERNAL_ID_COLUMNS),
      };
  // Columns no field reads are kept as metadata unless the mapping lists the ones to keep.
  return { ...roles, metadata: mapping?.metadata ?? unmappedColumns(record, Object.values(roles)) };
}

/** The recognised layouts, for telling the user what was understood. */
export type PairStyle = "standard" | "conversational" | "implicit-prompt" | "orca";

export function detectPairStyle(record: RawRecord): PairStyle | undefined {
  if (!hasField(record, "chosen") || !hasField(record, "rejected")) return undefined;
  if (Array.isArray(getField(record, "chosen")))
    return hasField(record, "prompt") ? "conversational" : "implicit-prompt";
  return !hasField(record, "prompt") && hasField(record, "question") ? "orca" : "standard";
}

/** A CSV cell cannot hold a conversation, so a CSV always needs a prompt column. */
export function checkPairHeader(header: readonly string[], mapping: PairMapping | undefined): void {
  const columns = pairColumns(Object.fromEntries(header.map((h) => [h, ""])), mapping);
  requireColumns(header, [
    ["prompt", columns.prompt],
    ["chosen", columns.chosen],
    ["rejected", columns.rejected],
    ...(mapping?.system ? [["system", mapping.system] as const] : []),
    ...(mapping?.externalId ? [["external id", mapping.externalId] as const] : []),
    ...columns.metadata.map((m) => ["metadata", m] as const),
  ]);
}
