import { useSyncExternalStore } from "react";

// Once an API call answers 401 the session is gone for every call the page makes next, so pages
// read one flag instead of each query and mutation inspecting its own error. It lives as long as
// the page: signing in again is a full load, which starts it afresh.

let ended = false;
const listeners = new Set<() => void>();

/** Called by apiFetch on a 401 `unauthorized`. */
export function markSessionEnded(): void {
  if (ended) return;
  ended = true;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether an API call of this page has been refused for want of a session. */
export function sessionHasEnded(): boolean {
  return ended;
}

/** sessionHasEnded, re-rendering when it changes; false on the server, where no call was made. */
export function useSessionEnded(): boolean {
  return useSyncExternalStore(subscribe, sessionHasEnded, () => false);
}

/** Where "Sign in again" goes: the sign-in page, coming back to `path` (checked there). */
export function signInAgainHref(path: string): string {
  return `/login?callbackUrl=${encodeURIComponent(path)}`;
}
