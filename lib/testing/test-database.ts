import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { parse } from "pg-connection-string";
import { startEmbeddedPostgres } from "@/lib/runtime/embedded-postgres";
import { migrateDeploy } from "@/lib/runtime/prisma-cli";

// Tests run against real PostgreSQL: the server behind DATABASE_URL when set, otherwise an
// embedded one in a throw-away folder. Each test file gets its own database, cloned from a
// template that was migrated once per run.

export interface TestServer {
  serverUrl: string;
  stop(): Promise<void>;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/**
 * A server for a run: DATABASE_URL's when set, else an embedded one thrown away at the end. Tests
 * run it without fsync (every test file's database is a copy, which checkpoints); benchmarks
 * time what users get, so they ask for a `durable` one, configured as `npm start` runs it.
 */
export async function startTestServer({ durable = false }: { durable?: boolean } = {}): Promise<TestServer> {
  if (process.env.DATABASE_URL) {
    const { database } = parse(process.env.DATABASE_URL);
    // Databases are created beside the given one; its own data is never touched.
    return { serverUrl: databaseUrl(process.env.DATABASE_URL, database ?? "postgres"), stop: async () => {} };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "pairwise-test-pg-"));
  chmodSync(dir, 0o755); // the embedded server may run as the `postgres` system user
  const server = await startEmbeddedPostgres({
    dir: path.join(dir, "data"),
    password: randomBytes(12).toString("hex"),
    durable,
  });
  return {
    serverUrl: server.serverUrl,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function admin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  await admin(serverUrl, (c) =>
    c.query(
      `CREATE DATABASE ${c.escapeIdentifier(name)}${template ? ` TEMPLATE ${c.escapeIdentifier(template)} STRATEGY FILE_COPY` : ""}`,
    ),
  );
  return databaseUrl(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
}

/** A new database with every migration applied, to clone test databases from. */
export async function createMigratedTemplate(serverUrl: string): Promise<string> {
  const name = uniqueName("pairwise_template");
  await migrateDeploy(await createDatabase(serverUrl, name));
  return name;
}
