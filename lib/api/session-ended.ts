import { useSyncExternalStore } from "react";

// Once an API call answers 401 the session is gone for every call the page makes next, so pages
// read one flag instead of each query and mutation inspecting its own error. It lives as long as
// the page: signing in again is a full load, which starts it afresh.

/**
 * Why calls are refused: the session ended (signing in again brings the work back), or an admin
 * deactivated the account (signing in again cannot; the server says so with its own code).
 */
export type SessionEndReason = "ended" | "deactivated";

let reason: SessionEndReason | null = null;
const listeners = new Set<() => void>();

/** Called by apiFetch on a 401 `unauthorized` or `account_deactivated`. */
export function markSessionEnded(why: SessionEndReason = "ended"): void {
  // Deactivated is the more telling of the two: it stays once known.
  if (reason === why || reason === "deactivated") return;
  reason = why;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether an API call of this page has been refused for want of a session. */
export function sessionHasEnded(): boolean {
  return reason !== null;
}

/** Why this page's calls are refused, if they are. */
export function sessionEndReason(): SessionEndReason | null {
  return reason;
}

/** sessionHasEnded, re-rendering when it changes; false on the server, where no call was made. */
export function useSessionEnded(): boolean {
  return useSyncExternalStore(subscribe, sessionHasEnded, () => false);
}

/** sessionEndReason, re-rendering when it changes; null on the server. */
export function useSessionEndReason(): SessionEndReason | null {
  return useSyncExternalStore(subscribe, sessionEndReason, () => null);
}

/** Where "Sign in again" goes: the sign-in page, coming back to `path` (checked there). */
export function signInAgainHref(path: string): string {
  return `/login?callbackUrl=${encodeURIComponent(path)}`;
}
