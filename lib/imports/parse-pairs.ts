import type { ImportInput } from "./decode";
import type { ImportEvent } from "./events";
import { checkMapping } from "./mapping-schema";
import { checkPairHeader, pairMappingSchema, type PairMapping } from "./pair-mapping";
import { toPairRow, type PairRow } from "./pair-row";
import { parseRows } from "./parse-rows";
import type { FormatOptions } from "./read-records";

export interface ParsePairsOptions extends FormatOptions {
  /** Which columns hold what; by default TRL (standard, conversational, implicit prompt) and Orca layouts are recognised. */
  mapping?: PairMapping;
}

/**
 * Streams the preference pairs of a file, like parsePrompts. Plain text cannot hold pairs and
 * is refused. Duplicates are rows with the same prompt, chosen and rejected (normalised).
 */
export async function* parsePairs(
  input: ImportInput,
  options: ParsePairsOptions = {},
): AsyncGenerator<ImportEvent<PairRow>> {
  const { mapping: rawMapping, ...format } = options;
  const mapping = rawMapping === undefined ? undefined : checkMapping(pairMappingSchema, rawMapping);
  yield* parseRows(input, format, {
    allowed: ["jsonl", "json", "csv"],
    checkHeader: (header) => checkPairHeader(header, mapping),
    toRow: (record, line) => toPairRow(record, line, mapping),
    key: (row) => row.pairKey,
  });
}
