import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

// next-auth turns any error the credentials check throws into a 401 naming the error, with no
// way to set a status or a header. The check records here why it refused, and the route, which
// ran next-auth inside `watchSignIn`, answers 429 with Retry-After (the sign-in limit) or 503
// (the database cannot be reached) instead.
interface Refusal {
  retryAfterSeconds: number;
  databaseUnavailable: boolean;
}
const refusals = new AsyncLocalStorage<Refusal>();

/** Called by the credentials check when the sign-in limit refuses an attempt. */
export function refuseSignIn(retryAfterSeconds: number): void {
  const refusal = refusals.getStore();
  if (refusal) refusal.retryAfterSeconds = retryAfterSeconds;
}

/** Called by the credentials check when it could not reach the database. */
export function refuseSignInUnavailable(): void {
  const refusal = refusals.getStore();
  if (refusal) refusal.databaseUnavailable = true;
}

/** Runs `handle`, and says why the attempt in it was refused, if it was for the limit or the database. */
export async function watchSignIn<T>(handle: () => Promise<T>): Promise<Refusal & { result: T }> {
  const refusal = { retryAfterSeconds: 0, databaseUnavailable: false };
  const result = await refusals.run(refusal, handle);
  return { result, ...refusal };
}
