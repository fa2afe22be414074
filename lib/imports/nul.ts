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

/** Removes NUL characters from every string (keys included) of a parsed record, in place. */
export function stripNulDeep(value: unknown, count: NulCounter): unknown {
  if (typeof value === "string") return stripNul(value, count);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = stripNulDeep(value[i], count);
    return value;
  }
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = stripNulDeep(record[key], count);
      const clean = stripNul(key, count);
      if (clean !== key) delete record[key];
      record[clean] = item;
    }
  }
  return value;
}
