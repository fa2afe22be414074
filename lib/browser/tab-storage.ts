// Work the server could not take yet (a vote refused because the session ended, an answer being
// typed) is kept in sessionStorage: it survives a reload and the trip through the sign-in page,
// stays in this tab and ends with it. Whatever is kept, the server still decides on resending it
// (a vote counts only on a pair held by whoever is signed in). Storage can be full or switched
// off; then nothing is kept, and the callers say so.
// A tab outlives a session: someone else can sign in to it. What a person keeps is therefore kept
// under their own id, and their unsubmitted answers go when they sign out.

/** What the app keeps per person and project in the tab. */
export type PersonKind = "kept-answers" | "unsaved-votes";

/** Whose it is: the signed-in user, in one project. */
export interface TabOwner {
  userId: string;
  projectId: string;
}

const personPrefix = (kind: PersonKind, userId: string) => `pairwise:${kind}:${userId}:`;

/** One JSON value of one person in one project. */
export function personValue<T>(kind: PersonKind, owner: TabOwner, fallback: T) {
  return tabValue<T>(`${personPrefix(kind, owner.userId)}${owner.projectId}`, fallback);
}

/**
 * Removes what `userId` kept of `kind` in every project, and what was kept before values were
 * kept per person (`pairwise:<kind>:<projectId>`), whoever typed it.
 */
export function forgetPersonValues(storage: Storage | undefined, kind: PersonKind, userId: string): void {
  try {
    if (!storage) return;
    const unowned = new RegExp(`^pairwise:${kind}:[^:]*$`);
    const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i) ?? "");
    for (const k of keys) if (k.startsWith(personPrefix(kind, userId)) || unowned.test(k)) storage.removeItem(k);
  } catch {
    // Refused storage holds nothing to remove.
  }
}

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
