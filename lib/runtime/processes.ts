import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Runs a Node CLI from node_modules (next, prisma, playwright…) with the current Node binary. */
export function spawnNodeCli(
  cliPath: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdio: "inherit" | "pipe" = "inherit",
): ChildProcess {
  return spawn(process.execPath, [require.resolve(cliPath), ...args], { env, stdio });
}

export function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

export async function runToEnd(cliPath: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return waitForExit(spawnNodeCli(cliPath, args, env));
}
