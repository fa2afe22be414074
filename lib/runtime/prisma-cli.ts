import { spawn } from "node:child_process";
import { parse } from "pg-connection-string";
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

/** Prisma gave up waiting (10 s) for the lock another `migrate deploy` on this database holds. */
const LOCK_TIMED_OUT = /P1002[\s\S]*advisory lock/;
/** How many times a start waits out Prisma's 10 s lock timeout: about five minutes in all. */
const LOCK_ATTEMPTS = 30;

/** How many migrations `migrate deploy` applied: it lists each one's folder, as `└─ <name>/`. */
const appliedCount = (output: string) => output.match(/^\s*└─ \d{14}_\S+\/$/gm)?.length ?? 0;

/** What went wrong applying migrations: one sentence when the cause is known, else Prisma's own output. */
function migrationFailure(databaseUrl: string, output: string): string {
  const denied = /permission denied for schema (\S+)/.exec(output);
  if (denied) {
    // Named from the URL's parts only: its password is never shown.
    const { user, database } = parse(databaseUrl);
    return (
      `The database user "${user}" lacks the right to create tables in database "${database}" ` +
      `(schema ${denied[1]}): grant it (GRANT CREATE ON SCHEMA ${denied[1]} TO "${user}") ` +
      "or put a user who has it in DATABASE_URL."
    );
  }
  return `Applying migrations failed:\n${output.trim()}`;
}

/**
 * Applies pending migrations and says how many; throws with Prisma's own message when that fails
 * (or one sentence when the cause is known). Two starts on one
 * database at once both run this: the second waits for the first's lock instead of failing after
 * Prisma's 10 s, telling `onWait` once, and then finds nothing left to apply.
 */
export async function migrateDeploy(databaseUrl: string, opts: { onWait?: () => void } = {}): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const run = await runPrisma(["migrate", "deploy"], { databaseUrl });
    if (run.code === 0) return appliedCount(run.output);
    if (!LOCK_TIMED_OUT.test(run.output)) throw new Error(migrationFailure(databaseUrl, run.output));
    if (attempt === LOCK_ATTEMPTS)
      throw new Error(
        "Another Pairwise start has been applying migrations to this database for over five minutes; " +
          "wait for it to finish (or stop it), then start again.",
      );
    if (attempt === 1) opts.onWait?.();
  }
}
