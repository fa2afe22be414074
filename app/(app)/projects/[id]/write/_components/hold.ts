// A writer holds a prompt for ANNOTATION_LEASE_MINUTES from when it was served. Typing renews the
// hold, at most once a minute (a request per keystroke would be one per 100 ms); a writer who
// stops typing is warned a minute before the hold would lapse and the prompt could go to another.

export const RENEW_EVERY_MS = 60_000;
export const WARN_BEFORE_MS = 60_000;

/** Whether a change of the text should renew the hold now. */
export const renewDue = (lastRenewedAt: number, now: number) => now - lastRenewedAt >= RENEW_EVERY_MS;

export type HoldState = "held" | "ending" | "lapsed";

export function holdState(deadline: number, now: number): HoldState {
  if (now >= deadline) return "lapsed";
  return now >= deadline - WARN_BEFORE_MS ? "ending" : "held";
}

/** When the hold's state next changes (to re-render then), or null once it has lapsed. */
export function nextHoldChange(deadline: number, now: number): number | null {
  const state = holdState(deadline, now);
  return state === "held" ? deadline - WARN_BEFORE_MS : state === "ending" ? deadline : null;
}
