import { z } from "zod";

/**
 * A validation failure found by server logic (after reading the database): thrown as a ZodError
 * so the route wrapper answers 422 with field paths, exactly like a schema failure.
 */
export function invalid(issues: { path: (string | number)[]; message: string }[]): z.ZodError {
  return new z.ZodError(issues.map((i) => ({ code: "custom" as const, input: undefined, ...i })));
}
