import type { RunProgress } from "@/lib/jobs/progress";

/** How often a page with a run still changing reads its runs again. */
export const RUN_POLL_MS = 1000;

/**
 * Whether a run's card may still change. A run is settled only once no task of it is pending or
 * running: a cancel ends the run at once, but the calls already in flight finish (done) or are
 * given back (cancelled) afterwards, so the status alone would freeze the card on counts a
 * reload no longer shows.
 */
export function runIsSettling(run: Pick<RunProgress, "status" | "counts">): boolean {
  return run.status === "RUNNING" || run.status === "PAUSED" || run.counts.pending > 0 || run.counts.running > 0;
}

/** The `refetchInterval` of a list of run cards: live while any run may still change, quiet otherwise. */
export function runsRefetchInterval(runs: Pick<RunProgress, "status" | "counts">[] | undefined): number | false {
  return runs?.some(runIsSettling) ? RUN_POLL_MS : false;
}
