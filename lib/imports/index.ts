// Parsing and validation for prompt and pair import: bytes in, validated rows and an error
// report out. Pure (no database, no "server-only"), so it runs anywhere Node does.

export { decodeInput, type ImportInput } from "./decode";
export {
  detectFormat,
  importFormats,
  refuseUnsupportedFile,
  unsupportedFileMessage,
  importFormatSchema,
  parseImportFormat,
  type ImportFormat,
} from "./detect-format";
export { ImportFormatError, type ImportFormatErrorCode } from "./errors";
export { checkMapping } from "./mapping-schema";
export { type ImportEvent, type RowResult } from "./events";
export { type ChatMessage } from "./messages";
export { type NulCounter } from "./nul";
export { Utf8Position } from "./utf8";
export { normalizePrompt, pairKey, promptKey } from "./normalize";
export { detectPairStyle, pairColumns, pairMappingSchema, type PairMapping, type PairStyle } from "./pair-mapping";
export { type PairRow } from "./pair-row";
export { parsePairs, type ParsePairsOptions } from "./parse-pairs";
export { parsePrompts, type ParsePromptsOptions } from "./parse-prompts";
export { type FormatOptions } from "./read-records";
export { hasField } from "./record-path";
export { previewImport, type ImportPreview, type PreviewOptions } from "./preview";
export { previewPrefix } from "./preview-prefix";
export { promptColumns, promptMappingSchema, type PromptMapping } from "./prompt-mapping";
export { type PromptRow } from "./prompt-row";
export { promptFormClash } from "./prompt-form";
export {
  collectImport,
  ImportReportBuilder,
  MAX_REPORTED_ERRORS,
  type ImportReport,
  type ImportRowError,
} from "./report";
export { MAX_EXTERNAL_ID_CHARS, MAX_TEXT_CHARS } from "./text-fields";
