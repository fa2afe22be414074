// Database chores against the same database `npm start` uses (embedded unless DATABASE_URL):
//   npm run db:migrate -- --name add_projects   create and apply a migration (development)
//   npm run db:reset                             drop everything and re-apply all migrations
//   tsx scripts/db.ts generate | deploy | status
import path from "node:path";
import { EnvError, parseEnv } from "@/lib/config/env";
import { openDatabase } from "@/lib/runtime/database";
import { runPrisma } from "@/lib/runtime/prisma-cli";
import { secretsFor } from "@/lib/runtime/secrets";

const COMMANDS: Record<string, string[]> = {
  migrate: ["migrate", "dev"],
  reset: ["migrate", "reset", "--force"],
  deploy: ["migrate", "deploy"],
  status: ["migrate", "status"],
};

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "generate") {
    const run = await runPrisma(["generate"], { inherit: true });
    process.exit(run.code);
  }
  const prismaArgs = COMMANDS[command ?? ""];
  if (!prismaArgs) {
    console.error(`usage: tsx scripts/db.ts <generate|${Object.keys(COMMANDS).join("|")}> [prisma options]`);
    process.exit(2);
  }
  const env = parseEnv();
  const dataDir = path.resolve(env.PAIRWISE_DATA_DIR);
  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir,
    dbPassword: secretsFor(env, dataDir).dbPassword,
  });
  try {
    const run = await runPrisma([...prismaArgs, ...rest], { databaseUrl: database.url, inherit: true });
    process.exitCode = run.code;
  } finally {
    await database.stop();
  }
}

main().catch((err) => {
  console.error(`[pairwise] ${err instanceof EnvError ? err.message : (err as Error).message}`);
  process.exit(1);
});
