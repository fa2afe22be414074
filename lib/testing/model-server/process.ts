import { spawnTsScript } from "@/lib/runtime/processes";

/**
 * The loopback model server in a process of its own, started as the README starts it
 * (`scripts/model-server.ts` with `args`, on a free port unless `--port` is given), as a real
 * endpoint would be: in the worker's process its HTTP work would compete with the worker for one
 * event loop. Resolves with its base URL once it listens; `stop` ends it and gives its stats line.
 */
export async function spawnModelServer(args: string[]): Promise<{ baseUrl: string; stop: () => Promise<string> }> {
  // One process, as `npm start` runs: under the tsx command a busy machine could turn the stop
  // signal into SIGKILL, and the stats line and the attempt log would be lost.
  const child = spawnTsScript("scripts/model-server.ts", process.env, { stdio: ["ignore", "pipe", "inherit"] }, args);
  let out = "";
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (c) => {
      out += c;
      const m = out.match(/base URL (\S+)/);
      if (m) resolve(m[1]!);
    });
    child.on("exit", (code) => reject(new Error(`model server exited (${code}): ${out}`)));
  });
  return {
    baseUrl,
    stop: () =>
      new Promise((resolve) => {
        const stats = () => resolve(out.match(/stats (.*)/)?.[1] ?? "");
        if (child.exitCode !== null || child.signalCode !== null) return stats();
        child.on("exit", stats);
        child.kill("SIGTERM");
      }),
  };
}
