import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

// next-auth turns any error the credentials check throws into a 401 naming the error, with no
// way to set a status or a header. The check records here why it refused, and the route, which
// ran next-auth inside `watchSignIn`, answers 429 with Retry-After instead.
const refusals = new AsyncLocalStorage<{ retryAfterSeconds: number }>();

/** Called by the credentials check when the sign-in limit refuses an attempt. */
export function refuseSignIn(retryAfterSeconds: number): void {
  const refusal = refusals.getStore();
  if (refusal) refusal.retryAfterSeconds = retryAfterSeconds;
}

/** Runs `handle`, and says how long to wait if the sign-in limit refused the attempt in it. */
export async function watchSignIn<T>(handle: () => Promise<T>): Promise<{ result: T; retryAfterSeconds: number }> {
  const refusal = { retryAfterSeconds: 0 };
  const result = await refusals.run(refusal, handle);
  return { result, retryAfterSeconds: refusal.retryAfterSeconds };
}
