// PostgreSQL text and jsonb cannot hold a lone UTF-16 surrogate, which JSON input can produce
// ("\ud800"). Such a row is reported as invalid rather than failing the whole import. (NUL
// cannot be stored either; the parser has already removed and counted those: lib/imports/nul.ts.)

function problemIn(value: unknown): string | undefined {
  if (typeof value === "string") {
    if (!value.isWellFormed()) return "contains an unpaired Unicode surrogate, which cannot be stored";
    return undefined;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = problemIn(item);
      if (problem) return problem;
    }
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const problem = problemIn(key) ?? problemIn(item);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Why `fields` cannot be stored, naming the first field at fault; undefined when they can. */
export function unstorable(fields: Record<string, unknown>): string | undefined {
  for (const [name, value] of Object.entries(fields)) {
    const problem = problemIn(value);
    if (problem) return `${name} ${problem}`;
  }
  return undefined;
}
