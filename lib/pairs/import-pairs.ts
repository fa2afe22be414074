import "server-only";
import { ConflictError } from "@/lib/errors";
import { checkMapping, pairMappingSchema, parsePairs, type PairRow } from "@/lib/imports";
import { findImportProject } from "@/lib/prompts/import-project";
import { metadataWeight, runImport, type ImportFileOptions, type ImportSink } from "@/lib/prompts/run-import";
import { unstorable } from "@/lib/prompts/storable";
import type { ImportResult } from "@/lib/prompts/types";
import { insertPairs, type PairTarget } from "./insert-pairs";
function pairSink(project: PairTarget): ImportSink<PairRow> {
  // The line of the row that brought each prompt this file adds, to name it in a refusal.
  const firstLines = new Map<string, number>();
  return {
    unstorable: (row) =>
      unstorable({
        prompt: row.prompt,
        system: row.system,
        chosen: row.chosen,
        rejected: row.rejected,
        "external id": row.externalId,
        metadata: row.metadata,
      }),
    weight: (row) =>
      row.prompt.length +
      (row.system?.length ?? 0) +
      row.chosen.length +
      row.rejected.length +
      metadataWeight(row.metadata),
    write: (client, rows, importId, refuse) => insertPairs(client, project, importId, rows, refuse, firstLines),
  };
}

/**
 * Streams a file of preference pairs (TRL, Orca or a mapped layout) into a project whose
 * candidates are imported. Each pair becomes its prompt (reused when the project has it), two
 * IMPORTED candidates in an order chosen by hash (see sides.ts), and a pair whose sourceLabel
 * records which one the file preferred. Duplicates, errors, verbatim text and all-or-nothing as
 * for prompts. With `gold`, every pair imported is gold, its known answer the file's chosen one.
 */
export async function importPairs(options: ImportFileOptions & { gold?: boolean }): Promise<ImportResult> {
  const { projectId, userId, input, fileName, format } = options;
  const mapping = options.mapping === undefined ? undefined : checkMapping(pairMappingSchema, options.mapping);
  const project = await findImportProject(projectId);
  if (project.generationMode !== "IMPORTED") {
    throw new ConflictError(
      "wrong_generation_mode",
      "Pairs can only be imported into a project whose candidates are imported. This project generates its candidates; import prompts instead, or create a project with the Imported generation mode.",
    );
  }
  return runImport(
    {
      projectId,
      userId,
      kind: "PAIRS",
      fileName,
      events: (onFormat, onNul) => parsePairs(input, { fileName, format, mapping, onFormat, onNul }),
    },
    pairSink({ id: project.id, implicit: project.evaluationMode === "IMPLICIT", gold: options.gold ?? false }),
  );
}
