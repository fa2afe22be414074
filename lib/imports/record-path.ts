/** A parsed record: a JSON object, or a CSV row keyed by its header. */
export type RawRecord = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isRecord(value: unknown): value is RawRecord {
  return isObject(value);
}

/**
 * The value at `path`: an exact key first (CSV headers and JSON keys may contain dots), else a
 * dotted path into nested objects, with numeric parts indexing arrays ("messages.0.content").
 */
export function getField(record: RawRecord, path: string): unknown {
  if (Object.hasOwn(record, path)) return record[path];
  if (!path.includes(".")) return undefined;
  let current: unknown = record;
  for (const part of path.split(".")) {
    if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else if (isObject(current) && Object.hasOwn(current, part)) current = current[part];
    else return undefined;
  }
  return current;
}

/** Present means there is a value at all; an empty string is present (and reported as empty). */
export function hasField(record: RawRecord, path: string): boolean {
  const value = getField(record, path);
  return value !== undefined && value !== null;
}

export function firstPresent(record: RawRecord, candidates: readonly string[]): string | undefined {
  return candidates.find((c) => hasField(record, c));
}

/** The columns a mapping UI can offer: top-level keys, plus dotted paths into nested objects. */
export function columnPaths(record: RawRecord, prefix = "", depth = 0): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    const path = prefix + key;
    paths.push(path);
    if (isObject(value) && depth < 2) paths.push(...columnPaths(value, `${path}.`, depth + 1));
  }
  return paths;
}

/**
 * The top-level columns no role reads, kept as metadata unless the mapping lists its own: a
 * column holding a role's nested path ("data" for "data.instruction") counts as read.
 */
export function unmappedColumns(record: RawRecord, used: readonly (string | undefined)[]): string[] {
  const taken = new Set(used.filter((c) => c !== undefined).flatMap((c) => [c, c.split(".")[0]]));
  return Object.keys(record).filter((key) => !taken.has(key));
}

/** Copies the named columns; Object.fromEntries keeps a "__proto__" column an ordinary key. */
export function pickFields(record: RawRecord, paths: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(paths.map((p) => [p, getField(record, p)]).filter(([, v]) => v !== undefined));
}
