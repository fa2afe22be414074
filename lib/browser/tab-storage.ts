// Work the server could not take yet (a vote refused because the session ended, an answer being
// typed) is kept in sessionStorage: it survives a reload and the trip through the sign-in page,
// stays in this tab and ends with it. Whatever is kept, the server still decides on resending it
// (a vote counts only on a pair held by whoever is signed in). Storage can be full or switched
// off; then nothing is kept, and the callers say so.

/** One JSON value kept in `storage` under `key`, read back as `fallback` when absent or unreadable. */
export function tabValue<T>(key: string, fallback: T) {
  return {
    read(storage: Storage | undefined): T {
      try {
        const raw = storage?.getItem(key);
        return raw ? (JSON.parse(raw) as T) : fallback;
      } catch {
        return fallback;
      }
    },
    /** Whether the value was stored: storage can be full or refused. */
    write(storage: Storage | undefined, value: T): boolean {
      if (!storage) return false;
      try {
        storage.setItem(key, JSON.stringify(value));
        return true;
      } catch {
        return false;
      }
    },
    remove(storage: Storage | undefined): void {
      try {
        storage?.removeItem(key);
      } catch {
        // Refused storage holds nothing to remove.
      }
    },
  };
}

/** The tab's sessionStorage, or undefined on the server and where the browser refuses it. */
export function tabStorage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.sessionStorage;
  } catch {
    return undefined;
  }
}
