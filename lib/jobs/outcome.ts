import type { RunStatus } from "@/lib/generated/prisma/enums";

// How a run ended (or where it stands), said once for the run card and the API. A run whose
// every task was tried is COMPLETED even when some failed for good; the card said "Completed
// with failures" from its counts while a script reading `status` saw a clean COMPLETED.

export type RunOutcome = "running" | "paused" | "cancelled" | "failed" | "completed" | "completed_with_failures";

export function runOutcome(run: { status: RunStatus; counts: { failed: number } }): RunOutcome {
  if (run.status === "COMPLETED") return run.counts.failed > 0 ? "completed_with_failures" : "completed";
  return run.status.toLowerCase() as Lowercase<Exclude<RunStatus, "COMPLETED">>;
}
