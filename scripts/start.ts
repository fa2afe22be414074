// `npm start` (and `npm run dev` with --dev): database, migrations, first admin, build when the
// sources changed, then the web server. Ctrl-C or SIGTERM stops everything in order.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { EnvError, parseEnv } from "@/lib/config/env";
import { createPrismaClient } from "@/lib/db-client";
import { openDatabase, type Database } from "@/lib/runtime/database";
import { assertPortFree } from "@/lib/runtime/ports";
import { ensureBuild } from "@/lib/runtime/ensure-build";
import { migrateDeploy } from "@/lib/runtime/prisma-cli";
import { spawnNodeCli, spawnTsScript, takeOverSignals, waitForExit } from "@/lib/runtime/processes";
import { secretsFor } from "@/lib/runtime/secrets";
import { bootstrapAdmin } from "@/lib/users/bootstrap-admin";

const NEXT_CLI = "next/dist/bin/next";
/** Header and request time limits, and an end on SIGTERM, for the web server's connections. */
const WEB_SERVER_LIMITS = path.resolve("lib/runtime/web-server-limits.mjs");
/** The Content-Length of a stored file's download, which Next.js drops from route handlers. */
const DECLARED_LENGTH = path.resolve("lib/runtime/declared-length.mjs");
const dev = process.argv.includes("--dev");
const log = (msg: string) => console.log(`[pairwise] ${msg}`);

function fail(message: string): never {
  console.error(`[pairwise] ${message}`);
  process.exit(1);
}

/**
 * The web server's young generation is kept small (2 MB semi-spaces, Node's default being 16 MB).
 * The server is a long-lived process that streams large files: an export of a million pairs is
 * over 100 MB, read from PostgreSQL and sent on in pieces, and collecting the young generation
 * often frees those pieces' buffers within a few megabytes. With the default, the server's
 * memory rose from about 165 MB to 210 MB during that export; with 2 MB, to about 183 MB, for
 * some 0.1 s more of the server's CPU time. NODE_OPTIONS from the environment comes after, so a
 * --max-semi-space-size given there wins. lib/runtime/web-server-limits.mjs is loaded first too.
 */
const webNodeOptions = () =>
  [
    "--max-semi-space-size=2",
    `--import=${JSON.stringify(pathToFileURL(WEB_SERVER_LIMITS).href)}`,
    `--import=${JSON.stringify(pathToFileURL(DECLARED_LENGTH).href)}`,
    process.env.NODE_OPTIONS,
  ]
    .filter(Boolean)
    .join(" ");

async function announceAdmin(databaseUrl: string, env: ReturnType<typeof parseEnv>) {
  const db = createPrismaClient(databaseUrl);
  try {
    const admin = await bootstrapAdmin(db, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
    if (!admin) return;
    log(`Created the first admin: ${admin.email}`);
    if (admin.generated) {
      // Printed this once only: it is not stored anywhere in clear.
      log(`  password: ${admin.password}`);
      log("  (shown once; sign in and change it on the Users page)");
    }
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  let env;
  try {
    env = parseEnv();
  } catch (err) {
    fail(err instanceof EnvError ? err.message : String(err));
  }
  const root = process.cwd();
  const dataDir = path.resolve(root, env.PAIRWISE_DATA_DIR);
  let secrets;
  try {
    secrets = secretsFor(env, dataDir);
  } catch (err) {
    fail((err as Error).message);
  }

  await assertPortFree(env.PORT, env.PAIRWISE_HOST).catch((err: Error) => fail(err.message));

  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir, dbPassword: secrets.dbPassword });
  } catch (err) {
    fail((err as Error).message);
  }
  log(
    database.embedded
      ? `Embedded PostgreSQL running, data in ${path.relative(root, dataDir)}/postgres`
      : "Using DATABASE_URL",
  );

  let stopping = false;
  let closed = false;
  const shutdown = async (code: number) => {
    stopping = true;
    if (closed) return;
    closed = true;
    await database.stop().catch(() => {});
    process.exit(code);
  };

  try {
    const applied = await migrateDeploy(database.url, {
      onWait: () => log("Waiting for another Pairwise start to finish applying migrations to this database"),
    });
    log(applied ? `Applied ${applied} migration${applied === 1 ? "" : "s"}` : "Database schema is up to date");
    await announceAdmin(database.url, env);
    if (!dev) await ensureBuild(root, log);
  } catch (err) {
    console.error(`[pairwise] ${(err as Error).message}`);
    await shutdown(1);
  }

  const serverEnv = {
    NEXT_TELEMETRY_DISABLED: "1",
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: secrets.authSecret,
    APP_SECRET: secrets.appSecret,
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
  };
  const args = [dev ? "dev" : "start", "-p", String(env.PORT), ...(env.PAIRWISE_HOST ? ["-H", env.PAIRWISE_HOST] : [])];
  const web = spawnNodeCli(NEXT_CLI, args, { ...serverEnv, NODE_OPTIONS: webNodeOptions() });
  log(`Pairwise is starting on http://localhost:${env.PORT}`);
  // The generation worker runs beside the web server unless PAIRWISE_WORKER=0 (when workers run
  // elsewhere with `npm run worker`). Its own process: a crash in one never takes the other down.
  const children = [{ name: "web server", proc: web }];
  if (env.PAIRWISE_WORKER) {
    const worker = spawnTsScript("scripts/worker.ts", serverEnv);
    children.push({ name: "worker", proc: worker });
  }

  takeOverSignals(async (signal) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, stopping`);
    for (const c of children) c.proc.kill("SIGTERM");
    await Promise.all(children.map((c) => waitForExit(c.proc)));
    await shutdown(0);
  });
  const first = await Promise.race(children.map(async (c) => ({ c, code: await waitForExit(c.proc) })));
  if (!stopping) {
    stopping = true;
    console.error(`[pairwise] The ${first.c.name} exited (code ${first.code}); stopping`);
    for (const c of children) c.proc.kill("SIGTERM");
    await Promise.all(children.map((c) => waitForExit(c.proc)));
    await shutdown(first.code || 1);
  }
}

main().catch((err) => fail((err as Error).stack ?? String(err)));
