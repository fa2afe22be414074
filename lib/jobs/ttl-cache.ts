/**
 * Memoises an async lookup per key for `ttlMs`. The worker reads the same project, endpoint and
 * run state for every task; a short cache keeps that off the database without keeping stale
 * settings for long.
 */
export function ttlCache<T>(ttlMs: number, load: (key: string) => Promise<T>) {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return (key: string): Promise<T> => {
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < ttlMs) return hit.value;
    const value = load(key);
    entries.set(key, { at: now, value });
    value.catch(() => entries.delete(key));
    if (entries.size > 1000) entries.delete(entries.keys().next().value!);
    return value;
  };
}
