// PostgreSQL text and jsonb cannot hold a lone UTF-16 surrogate, which JSON input can produce
// ("\ud800"). Such a row is reported as invalid rather than failing the whole import. (NUL
// cannot be stored either; the parser has already removed and counted those: lib/imports/nul.ts.)
// Nor is metadata nested deeper than any dataset needs kept: past a few thousand levels the
// Parquet export, and JSON.stringify itself, run out of stack on it.

/** Levels of arrays and objects a value may nest: far more than metadata needs, far fewer than breaks. */
export const MAX_NESTING = 100;

const SURROGATE = "contains an unpaired Unicode surrogate, which cannot be stored";

/** What is wrong with `value`, named by its path under `name`; walked without recursion. */
function problemIn(name: string, value: unknown): string | undefined {
  // Each entry: its path, its value, its depth, and the path it is under one level below `name`
  // (metadata.source), which names a value nested too deep better than a hundred indexes would.
  const stack: [string, unknown, number, string][] = [[name, value, 0, name]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [path, v, depth, under] = next;
    if (typeof v === "string") {
      if (!v.isWellFormed()) return `${path} ${SURROGATE}`;
    } else if (v && typeof v === "object") {
      if (depth === MAX_NESTING)
        return `${under} nests arrays or objects more than ${MAX_NESTING} levels deep: flatten it, or store it as a string`;
      // The column a value is in: the path one level below `name`, kept for every level under it.
      const push = (at: string, item: unknown) => stack.push([at, item, depth + 1, depth === 0 ? at : under]);
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) push(`${path}[${i}]`, v[i]);
      } else {
        const entries = Object.entries(v);
        for (let i = entries.length - 1; i >= 0; i--) {
          const [key, item] = entries[i]!;
          if (!key.isWellFormed()) return `${path} has a key that ${SURROGATE}`;
          push(`${path}.${key}`, item);
        }
      }
    }
  }
  return undefined;
}

/** Why `fields` cannot be stored, naming the first field (and where in it) at fault; undefined when they can. */
export function unstorable(fields: Record<string, unknown>): string | undefined {
  for (const [name, value] of Object.entries(fields)) {
    const problem = problemIn(name, value);
    if (problem) return problem;
  }
  return undefined;
}
