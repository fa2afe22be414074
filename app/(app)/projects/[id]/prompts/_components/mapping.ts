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
 * The mapping to send, or undefined when the admin kept what the import would pick anyway:
 * without a mapping each record finds its own columns and keeps the rest as metadata, which
 * suits files whose records differ.
 */
export function mappingToSend(kind: ImportKind, value: MappingState, preview: ImportPreviewView): object | undefined {
  const initial = initialMapping(preview, kind);
  const roles = ["prompt", "system", "externalId", "chosen", "rejected"] as const;
  const changed = roles.some((k) => value[k] !== initial[k]) || value.dropped.length > 0 || value.nested.length > 0;
  if (!changed) return undefined;
  const optional = (column: string) => column || undefined;
  const metadata = metadataColumns(kind, preview.columns, value);
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
