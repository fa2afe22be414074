import { z } from "zod";
import { ImportFormatError } from "./errors";

/** A source column: a CSV header, a JSON key, or a dotted path into a JSON object ("meta.source"). */
export const columnNameSchema = z.string().trim().min(1).max(200);

export const metadataColumnsSchema = z.array(columnNameSchema).max(100).optional();

/** Validates a mapping that came from outside; a bad one is fatal ("invalid_mapping"). */
export function checkMapping<T>(schema: z.ZodType<T>, mapping: unknown): T {
  const parsed = schema.safeParse(mapping);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "mapping"}: ${i.message}`);
  throw new ImportFormatError("invalid_mapping", `Invalid column mapping (${problems.join("; ")}).`);
}

/** The problem of a record that has none of the conventional prompt columns. */
export function noPromptColumn(candidates: readonly string[]): string {
  const [first, ...others] = candidates;
  return `column "${first}" is missing (also looked for ${others.map((c) => `"${c}"`).join(", ")})`;
}

/**
 * For CSV every row has the header's columns, so a mapping naming a column the header lacks
 * would fail on every row; one fatal error says it better than thousands of row errors.
 */
export function requireColumns(
  header: readonly string[],
  wanted: readonly (readonly [role: string, column: string | undefined])[],
): void {
  for (const [role, column] of wanted) {
    if (column !== undefined && header.includes(column)) continue;
    const shown = header.map((h) => `"${h}"`).join(", ");
    const message =
      column === undefined
        ? `No ${role} column found. The file's columns are ${shown}; choose which one holds the ${role}.`
        : `Column "${column}" (${role}) is not in the file. Its columns are ${shown}.`;
    throw new ImportFormatError("missing_column", message);
  }
}
