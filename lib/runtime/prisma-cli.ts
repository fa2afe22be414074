import { spawn } from "node:child_process";
import { packageFile } from "./processes";

// `generate` never connects, but without a DATABASE_URL the CLI falls back to downloading its
// native engine, which fails offline. Any well-formed URL keeps it on the Wasm engines.
const UNUSED_URL = "postgresql://unused@127.0.0.1:1/unused";

export interface PrismaRun {
  code: number;
  output: string;
}

/** Runs the Prisma CLI against `databaseUrl`; output is captured, or streamed when `inherit`. */
export function runPrisma(args: string[], opts: { databaseUrl?: string; inherit?: boolean } = {}): Promise<PrismaRun> {
  const cli = packageFile("prisma/build/index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, DATABASE_URL: opts.databaseUrl ?? UNUSED_URL, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: opts.inherit ? "inherit" : ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (c) => (output += c));
    child.stderr?.on("data", (c) => (output += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Applies pending migrations; throws with Prisma's own message when that fails. */
export async function migrateDeploy(databaseUrl: string): Promise<void> {
  const run = await runPrisma(["migrate", "deploy"], { databaseUrl });
  if (run.code !== 0) throw new Error(`Applying migrations failed:\n${run.output.trim()}`);
}
