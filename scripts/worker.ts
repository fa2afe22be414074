// `npm run worker`: a worker (generation and judging tasks) on its own, for running several on other machines
// against the same DATABASE_URL. `npm start` runs one beside the web server by default.
import { EnvError, parseEnv, requireServerEnv } from "@/lib/config/env";
import { startWorker } from "@/lib/jobs/worker";
import { checkReachable } from "@/lib/runtime/database";

const log = (msg: string) => console.log(`[worker] ${msg}`);
process.env.DATABASE_POOL_MAX ??= "20";

async function main() {
  let env;
  try {
    env = requireServerEnv(parseEnv());
  } catch (err) {
    console.error(`[worker] ${err instanceof EnvError ? err.message : String(err)}`);
    process.exit(1);
  }
  await checkReachable(env.DATABASE_URL);
  const worker = await startWorker({ log });
  log(`started (${worker.id})`);
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      log(`${signal} received, finishing calls in flight`);
      await worker.stop(10_000);
      process.exit(0);
    });
  }
}

main().catch((err) => {
  console.error(`[worker] ${(err as Error).message}`);
  process.exit(1);
});
