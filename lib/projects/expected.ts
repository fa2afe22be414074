import type { ExpectedSettings } from "./schemas";

/**
 * A settings form's input with the values it was loaded with (from `loaded`) for every field it
 * sends, so that the server can refuse the save if someone changed one of them meanwhile.
 */
export function withExpected<T extends object>(input: T, loaded: object): T & { expected: ExpectedSettings } {
  const base = loaded as Record<string, unknown>;
  const expected: ExpectedSettings = {};
  for (const field of Object.keys(input)) {
    const value = base[field];
    if (value === null || ["string", "number", "boolean"].includes(typeof value))
      expected[field] = value as ExpectedSettings[string];
  }
  return { ...input, expected };
}
