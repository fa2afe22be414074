import type { ImportPreviewView } from "@/lib/prompts/types";
import { metadataColumns, type ImportKind, type MappingState } from "./mapping-fields";

export function initialMapping(preview: ImportPreviewView, kind: ImportKind): MappingState {
  const s = preview.suggested[kind];
  const pick = (key: "prompt" | "system" | "externalId" | "chosen" | "rejected") =>
    (s as Record<string, string | undefined>)[key] ?? "";
  return {
    prompt: pick("prompt"),
    system: pick("system"),
    externalId: pick("externalId"),
    chosen: pick("chosen"),
    rejected: pick("rejected"),
    dropped: [],
    nested: [],
  };
}

/**
 * The mapping to send: always the columns the form shows, so what the admin saw is what is
 * imported, whatever the server would pick by itself. The metadata list is left out until the
 * admin unticks a column or ticks a nested path: the import then keeps every column no role
 * reads, including those that first appear past the records the preview saw.
 */
export function mappingToSend(kind: ImportKind, value: MappingState, preview: ImportPreviewView): object {
  const optional = (column: string) => column || undefined;
  const chosenMetadata = value.dropped.length > 0 || value.nested.length > 0;
  const metadata = chosenMetadata ? metadataColumns(kind, preview.columns, value) : undefined;
  return kind === "prompts"
    ? { prompt: value.prompt, system: optional(value.system), externalId: optional(value.externalId), metadata }
    : {
        prompt: optional(value.prompt),
        chosen: value.chosen,
        rejected: value.rejected,
        system: optional(value.system),
        externalId: optional(value.externalId),
        metadata,
      };
}

/** Why the import cannot start yet, or null. */
export function missingColumn(kind: ImportKind, value: MappingState, promptOptional: boolean): string | null {
  if (kind === "prompts") return value.prompt ? null : "Choose the column that holds the prompt.";
  if (!value.chosen || !value.rejected) return "Choose the chosen and rejected columns.";
  return value.prompt || promptOptional ? null : "Choose the column that holds the prompt.";
}

export const pairStyleLabels: Record<NonNullable<ImportPreviewView["pairStyle"]>, string> = {
  standard: "TRL standard: prompt, chosen, rejected",
  conversational: "TRL conversational: prompt, chosen and rejected as messages",
  "implicit-prompt": "TRL implicit prompt: the prompt is the start of the chosen and rejected conversations",
  orca: "Orca: system, question, chosen, rejected",
};
