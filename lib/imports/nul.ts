// PostgreSQL's text and jsonb cannot hold U+0000 at all, so a NUL in a file can never be stored
// verbatim. It is removed (and counted, for the import report) rather than costing the row:
// it is almost always an artefact of the tool that wrote the file, not part of the text.

/** Counts the NUL characters removed while reading one file. */
export type NulCounter = (removed: number) => void;

function countNul(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\0"); i !== -1; i = text.indexOf("\0", i + 1)) n++;
  return n;
}

/** The text without NUL characters; `count` is told how many there were. */
export function stripNul(text: string, count?: NulCounter): string {
  if (!text.includes("\0")) return text;
  count?.(countNul(text));
  return text.replaceAll("\0", "");
}

/**
 * Removes NUL characters from every string (keys included) of a parsed record, in place. Walks
 * with an explicit stack: a record nested thousands deep must not overflow the call stack.
 */
export function stripNulDeep(value: unknown, count: NulCounter): unknown {
  if (typeof value === "string") return stripNul(value, count);
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (typeof item === "string") node[i] = stripNul(item, count);
        else if (item && typeof item === "object") stack.push(item);
      }
    } else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        let item = record[key];
        if (typeof item === "string") item = stripNul(item, count);
        else if (item && typeof item === "object") stack.push(item);
        const clean = stripNul(key, count);
        if (clean !== key) delete record[key];
        record[clean] = item;
      }
    }
  }
  return value;
}
