/**
 * The first number in a parsed JSON value that JSON.parse did not keep as written, with where
 * it is, or null. A number is stored as the text JavaScript gives it, which is the text of the
 * file only when that text appears, as a whole token, in the record's source: 42 and 3.5 do,
 * while 12345678901234567890 (read as …567000), 0.1000 (read as 0.1) and 1e400 (Infinity) do not.
 * Records without numbers, the usual case, cost one walk of their values.
 */
export function inexactNumber(value: unknown, source: string): { path: string; read: string } | null {
  if (value === null || typeof value !== "object") return null; // not a record: refused as such
  // Walked with a stack of its own: a record may nest deeper than the call stack goes.
  const stack: [string, unknown][] = [["", value]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [path, v] = next;
    if (typeof v === "number") {
      const read = JSON.stringify(v); // "null" for Infinity, never in a number's place
      if (!hasToken(source, read)) return { path, read: Number.isFinite(v) ? read : String(v) };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([`${path}[${i}]`, v[i]]);
    } else if (v !== null && typeof v === "object") {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i]!;
        stack.push([path ? `${path}.${k}` : k, x]);
      }
    }
  }
  return null;
}

// What may stand just before and just after a number in JSON text.
const BEFORE = new Set([" ", "\t", "\n", "\r", ":", ",", "["]);
const AFTER = new Set([" ", "\t", "\n", "\r", ",", "]", "}"]);

/**
 * Whether `token` appears in `source` as a whole value. Searched with indexOf, not a RegExp built
 * per number: compiling one for each number of each line took two thirds of an import's time
 * (6.7 of 10 s for 100,000 lines with two numbers each).
 */
function hasToken(source: string, token: string): boolean {
  for (let at = source.indexOf(token); at !== -1; at = source.indexOf(token, at + 1)) {
    const end = at + token.length;
    if ((at === 0 || BEFORE.has(source[at - 1]!)) && (end === source.length || AFTER.has(source[end]!))) return true;
  }
  return false;
}

/** The row error for a number that would not be kept as written, naming the field. */
export const inexactNumberProblem = ({ path, read }: { path: string; read: string }) =>
  `"${path}" holds a number that would not be kept as written (it reads as ${read}): put it in quotes to keep it exactly`;
