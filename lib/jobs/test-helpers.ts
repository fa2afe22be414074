import { db } from "@/lib/db";

/** Waits until the run is over (completed, failed or cancelled) and returns it. */
export async function waitForRun(runId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    if (run.status === "COMPLETED" || run.status === "FAILED" || run.status === "CANCELLED") return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
