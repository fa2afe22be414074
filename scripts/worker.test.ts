import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { encryptSecret } from "@/lib/endpoints/crypto";
import { openDatabase, type Database } from "@/lib/runtime/database";
import { shippedMigrations } from "@/lib/runtime/migrations";
import { migrateDeploy } from "@/lib/runtime/prisma-cli";
import { spawnTsScript } from "@/lib/runtime/processes";
import { secretsFor, type LocalSecrets } from "@/lib/runtime/secrets";
import { createDatabase, dropDatabase, uniqueName } from "@/lib/testing/test-database";

// `npm run worker` beside a running `npm start`, as a user would run it: the same data folder,
// and no DATABASE_URL nor secrets in its environment.

function runWorker(dataDir: string) {
  const { DATABASE_URL: _u, NEXTAUTH_SECRET: _n, APP_SECRET: _a, ...base } = process.env;
  // As `npm run worker` runs it, in its own process group, signalled whole as Ctrl-C or systemd do.
  const child = spawnTsScript(
    "scripts/worker.ts",
    { ...base, PAIRWISE_DATA_DIR: dataDir },
    { stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const started = async () => {
    for (let i = 0; i < 600 && !output.includes("[worker] started"); i++) {
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return output;
  };
  return { output: () => output, exited, started, stop: () => process.kill(-child.pid!, "SIGTERM") };
}

describe("npm run worker on the embedded database", () => {
  let root: string;
  let dataDir: string;
  let secrets: LocalSecrets;
  let database: Database;
  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), "pairwise-worker-"));
    chmodSync(root, 0o755); // the embedded server may run as the `postgres` system user
    dataDir = path.join(root, "data");
    // What `npm start` does before its web server starts.
    secrets = secretsFor({}, dataDir);
    database = await openDatabase({ dataDir, dbPassword: secrets.dbPassword });
    await migrateDeploy(database.url);
  }, 120_000);
  afterAll(async () => {
    await database.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("works on the database npm start runs, printing no secret", async () => {
    const worker = runWorker(dataDir);
    const output = await worker.started();
    expect(output).toContain(`[worker] Using the embedded database of the running Pairwise (data in ${dataDir})`);
    expect(output).toContain("[worker] started");
    // It waits for work on that database (its LISTEN connection opens just after it says so).
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    let listening = 0;
    for (let i = 0; i < 100 && !listening; i++, await new Promise((r) => setTimeout(r, 50))) {
      const { rows } = await client.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'",
      );
      listening = rows[0].n;
    }
    await client.end();
    expect(listening).toBe(1);
    worker.stop();
    expect(await worker.exited).toBe(0);
    for (const secret of Object.values(secrets)) expect(worker.output()).not.toContain(secret);
  });

  it("says what to do when no database runs on its data folder", async () => {
    const worker = runWorker(path.join(root, "elsewhere"));
    expect(await worker.exited).toBe(1);
    expect(worker.output().trim()).toBe(
      `[worker] No database to work on: the embedded database in ${path.join(root, "elsewhere", "postgres")} is not running. ` +
        "Start Pairwise first (`npm start`, with the same PAIRWISE_DATA_DIR), " +
        "or set DATABASE_URL (with NEXTAUTH_SECRET and APP_SECRET) to use your own PostgreSQL.",
    );
  });
});

describe("npm run worker refuses to start", () => {
  /** The worker on this test file's database with `env` added, run until it exits. */
  async function exitOf(env: Record<string, string>) {
    const child = spawnTsScript("scripts/worker.ts", { ...process.env, ...env }, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (c) => (output += c));
    child.stderr!.on("data", (c) => (output += c));
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    return { code, output };
  }

  it("with a bad setting, naming it in one message and no stack trace", async () => {
    const { code, output } = await exitOf({ WORKER_CONCURRENCY: "0" });
    expect(code).toBe(1);
    expect(output.trim()).toBe(
      '[worker] Invalid environment:\n  WORKER_CONCURRENCY: expected a whole number from 1 to 1024 (got "0")',
    );
  });

  it("with an APP_SECRET that does not open the stored API keys", async () => {
    const right = "the-web-servers-app-secret-of-32-chars!";
    await db.modelEndpoint.create({
      data: {
        name: "keyed",
        provider: "OPENAI",
        modelId: "m",
        apiKeyCiphertext: encryptSecret("sk-secret-key-1234", right),
        apiKeyLast4: "1234",
      },
    });
    const wrong = await exitOf({ APP_SECRET: "another-app-secret-of-at-least-32-chars" });
    expect(wrong.code).toBe(1);
    expect(wrong.output.trim()).toBe(
      '[worker] APP_SECRET is not the one the stored API keys were encrypted with (endpoint "keyed"): ' +
        "every task of an endpoint with a key would fail. Give this process the same APP_SECRET as the web server.",
    );
    expect(wrong.output).not.toContain("sk-secret-key-1234");
  });

  describe("on a database whose migrations are not this copy's", () => {
    const serverUrl = inject("testServerUrl");
    const made: string[] = [];
    /** A database of its own, cloned from the migrated template unless `empty`, then changed by `sql`. */
    async function database(opts: { empty?: boolean; sql?: string }) {
      const name = uniqueName("pairwise_worker_migrations");
      made.push(name);
      const url = await createDatabase(serverUrl, name, opts.empty ? undefined : inject("templateDatabase"));
      if (opts.sql) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(opts.sql);
        await client.end();
      }
      return { name, url };
    }
    afterAll(async () => {
      for (const name of made) await dropDatabase(serverUrl, name);
    });
    const apply = "Start Pairwise on it once (`npm start` applies migrations) or run `npx tsx scripts/db.ts deploy`.";
    const where = (name: string, url: string) =>
      `The database ${name} at ${new URL(url).hostname}:${new URL(url).port}`;

    it("says that a never-migrated database has no Pairwise tables", async () => {
      const { name, url } = await database({ empty: true });
      const { code, output } = await exitOf({ DATABASE_URL: url });
      expect(code).toBe(1);
      expect(output.trim()).toBe(
        `[worker] ${where(name, url)} has no Pairwise tables (it was never migrated). ${apply}`,
      );
    });

    it("says how many migrations the database is behind", async () => {
      const last = shippedMigrations().at(-1)!;
      const { name, url } = await database({
        sql: `DELETE FROM "_prisma_migrations" WHERE migration_name = '${last}'`,
      });
      const { code, output } = await exitOf({ DATABASE_URL: url });
      expect(code).toBe(1);
      expect(output.trim()).toBe(
        `[worker] ${where(name, url)} is 1 migration behind this copy of Pairwise (next: ${last}). ${apply}`,
      );
    });

    it("says that a newer version migrated the database", async () => {
      const { name, url } = await database({
        sql: `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
              VALUES ('future', 'x', '29990101000000_future', now(), 1)`,
      });
      const { code, output } = await exitOf({ DATABASE_URL: url });
      expect(code).toBe(1);
      expect(output.trim()).toBe(
        `[worker] ${where(name, url)} has a migration this copy of Pairwise does not have (29990101000000_future): ` +
          "it was migrated by a newer version. Update this copy to that version.",
      );
    });
  });
});
