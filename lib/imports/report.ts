import type { ImportEvent } from "./events";

export const MAX_REPORTED_ERRORS = 100;

export interface ImportRowError {
  line: number;
  message: string;
}

/** The outcome of an import, as shown to the admin. total = valid + invalid + duplicates. */
export interface ImportReport {
  total: number;
  valid: number;
  invalid: number;
  duplicates: number;
  /** The first MAX_REPORTED_ERRORS errors, in file order. */
  errors: ImportRowError[];
  /** True when there were more errors than `errors` holds (`invalid` has the real count). */
  errorsTruncated: boolean;
}

/** Accumulates a report while the caller consumes the events itself (e.g. inserting in batches). */
export class ImportReportBuilder {
  private valid = 0;
  private invalid = 0;
  private duplicates = 0;
  private readonly errors: ImportRowError[] = [];

  add(event: ImportEvent<unknown>): void {
    if (event.kind === "row") this.valid++;
    else if (event.kind === "duplicate") this.duplicates++;
    else {
      this.invalid++;
      if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push({ line: event.line, message: event.message });
    }
  }

  /**
   * A row counted valid that the store refused once it saw the project's data (a prompt the
   * project keeps in another form, say): it is an error after all, listed in file order.
   */
  refuse(line: number, message: string): void {
    this.valid--;
    this.invalid++;
    const at = this.errors.findIndex((e) => e.line > line);
    if (at === -1) {
      if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push({ line, message });
      return;
    }
    this.errors.splice(at, 0, { line, message });
    if (this.errors.length > MAX_REPORTED_ERRORS) this.errors.pop();
  }

  get report(): ImportReport {
    return {
      total: this.valid + this.invalid + this.duplicates,
      valid: this.valid,
      invalid: this.invalid,
      duplicates: this.duplicates,
      errors: [...this.errors],
      errorsTruncated: this.invalid > this.errors.length,
    };
  }
}

/**
 * Consumes every event, keeping the valid rows in memory: for tests and small pastes. A large
 * upload should be iterated directly, with an ImportReportBuilder alongside.
 */
export async function collectImport<Row>(
  events: AsyncIterable<ImportEvent<Row>>,
): Promise<{ rows: Row[]; report: ImportReport }> {
  const builder = new ImportReportBuilder();
  const rows: Row[] = [];
  for await (const event of events) {
    builder.add(event);
    if (event.kind === "row") rows.push(event.row);
  }
  return { rows, report: builder.report };
}
