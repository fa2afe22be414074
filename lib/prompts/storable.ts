// PostgreSQL text and jsonb cannot hold U+0000, nor (through JSON) a lone UTF-16 surrogate,
// which JSON input can produce ("\ud800"). Such a row is reported as invalid rather than
// failing its whole batch, and with it the import.

function problemIn(value: unknown): string | undefined {
  if (typeof value === "string") {
    if (value.includes("\0")) return "contains a NUL character (\\u0000), which cannot be stored";
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
