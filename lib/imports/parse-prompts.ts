import type { ImportInput } from "./decode";
import type { ImportEvent } from "./events";
import { checkMapping } from "./mapping-schema";
import { parseRows } from "./parse-rows";
import { checkPromptHeader, promptMappingSchema, type PromptMapping } from "./prompt-mapping";
import { toPromptRow, type PromptRow } from "./prompt-row";
import type { FormatOptions } from "./read-records";

export interface ParsePromptsOptions extends FormatOptions {
  /** Which columns hold what; by default the conventional names are tried (see prompt-mapping). */
  mapping?: PromptMapping;
}

/**
 * Streams the prompts of a file, one event per record, in file order. Fatal problems (not
 * UTF-8, unknown format, broken CSV quoting, a mapping the header cannot satisfy...) throw an
 * ImportFormatError; a bad row is only ever an "error" event.
 */
export async function* parsePrompts(
  input: ImportInput,
  options: ParsePromptsOptions = {},
): AsyncGenerator<ImportEvent<PromptRow>> {
  const { mapping: rawMapping, ...format } = options;
  const mapping = rawMapping === undefined ? undefined : checkMapping(promptMappingSchema, rawMapping);
  yield* parseRows(input, format, {
    checkHeader: (header) => checkPromptHeader(header, mapping),
    toRow: (record, line) => toPromptRow(record, line, mapping),
    key: (row) => row.promptKey,
  });
}
