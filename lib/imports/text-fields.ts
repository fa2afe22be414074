import { z } from "zod";

// Row fields are validated with zod; messages are phrased to follow a column name, giving
// errors such as: column "prompt" is empty.

export const MAX_TEXT_CHARS = 100_000;
export const MAX_EXTERNAL_ID_CHARS = 200;

// Numbers are accepted as text (an id of 42, an answer of 4); objects, arrays and booleans are
// not. Coercing in a preprocess step rather than a union keeps validation ~5x faster, which
// matters at a million rows.
const numberToString = (v: unknown) => (typeof v === "number" ? String(v) : v);
const tooLong = (max: number) => `is longer than ${max.toLocaleString("en-US")} characters`;

// Text is kept exactly as given, outer whitespace included: a dataset's leading blank lines or
// trailing spaces are part of what a model was shown, and an export must give them back byte for
// byte. Only the checks look through whitespace (an all-blank prompt is still empty).
const isBlank = (v: string) => !/\S/.test(v);

/** Non-blank text of bounded length, unchanged. */
export function requiredText(max = MAX_TEXT_CHARS) {
  return z.preprocess(
    numberToString,
    z
      .string({ error: (issue) => (issue.input === undefined || issue.input === null ? "is missing" : "must be text") })
      .refine((v) => v.length > 0, "is empty")
      .refine((v) => !isBlank(v), "is empty (only whitespace)")
      .max(max, tooLong(max)),
  );
}

/** Text of bounded length, unchanged; missing or blank becomes undefined. */
export function optionalText(max = MAX_TEXT_CHARS) {
  return z.preprocess(
    (v) => {
      const value = numberToString(v);
      return typeof value === "string" ? (isBlank(value) ? undefined : value) : (value ?? undefined);
    },
    z.string({ error: "must be text" }).max(max, tooLong(max)).optional(),
  );
}

/**
 * The first problem of a failed parse, as `<label> <message>`, where label names the source
 * column of the failing field.
 */
export function firstProblem(error: z.ZodError, label: (field: string) => string): string {
  const issue = error.issues[0];
  return `${label(String(issue?.path[0] ?? ""))} ${issue?.message ?? "is invalid"}`;
}
