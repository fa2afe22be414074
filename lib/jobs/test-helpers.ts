import { db } from "@/lib/db";
import { spawnTsScript } from "@/lib/runtime/processes";

/** Waits until the run is over (completed, failed or cancelled) and returns it, looking every `pollMs`. */
export async function waitForRun(runId: string, timeoutMs = 60_000, pollMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    if (run.status === "COMPLETED" || run.status === "FAILED" || run.status === "CANCELLED") return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/**
 * Starts a worker as a process of its own (`scripts/worker.ts` as `npm start` runs it, with this
 * process's environment), waits until `progressed()` holds, then sends it `signal` (SIGTERM, as
 * `npm start` does when it stops; SIGKILL for a crash) and waits for it to exit. Returns how many
 * of the run's tasks it held when signalled, its exit code and what it printed.
 */
export async function signalWorkerMidRun(
  runId: string,
  progressed: () => Promise<boolean>,
  signal: NodeJS.Signals,
): Promise<{ held: number; code: number | null; output: string }> {
  const child = spawnTsScript("scripts/worker.ts", { ...process.env }, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  let held = 0;
  let code: number | null;
  try {
    for (let i = 0; !(await progressed()); i++) {
      if (i > 600) throw new Error(`the worker made no progress:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    held = await db.task.count({ where: { runId, status: "RUNNING" } });
  } finally {
    child.kill(signal);
    code = await exited;
  }
  return { held, code, output };
}

/** A worker process killed without warning once `progressed()` holds: how many of the run's tasks it held. */
export async function killWorkerMidRun(runId: string, progressed: () => Promise<boolean>): Promise<number> {
  return (await signalWorkerMidRun(runId, progressed, "SIGKILL")).held;
}
