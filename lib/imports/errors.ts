// Fatal problems with a whole file (as opposed to one bad row, which is reported and skipped).
// The code lets the HTTP layer pick a status and the UI a hint without parsing messages.

export type ImportFormatErrorCode =
  | "invalid_utf8"
  | "empty"
  | "unknown_format"
  | "unsupported_format"
  | "too_large"
  | "invalid_json"
  | "not_an_array"
  | "invalid_csv"
  | "missing_header"
  | "missing_column"
  | "invalid_mapping";

export class ImportFormatError extends Error {
  override readonly name = "ImportFormatError";

  constructor(
    readonly code: ImportFormatErrorCode,
    message: string,
    /** 1-based line the problem was found on, when there is one. */
    readonly line?: number,
  ) {
    super(message);
  }
}
