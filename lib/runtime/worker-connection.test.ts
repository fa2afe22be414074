import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env";
import { checkReachable, openDatabase, type Database } from "./database";
import { secretsFor, type LocalSecrets } from "./secrets";
import { resolveWorkerConnection } from "./worker-connection";

// The data folder as `npm start` leaves it while it runs: secrets generated, embedded server up.
let root: string;
let dataDir: string;
let secrets: LocalSecrets;
let database: Database;
beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), "pairwise-worker-conn-"));
  chmodSync(root, 0o755); // the embedded server may run as the `postgres` system user
  dataDir = path.join(root, "data");
  secrets = secretsFor({}, dataDir);
  database = await openDatabase({ dataDir, dbPassword: secrets.dbPassword });
});
afterAll(async () => {
  await database.stop();
  rmSync(root, { recursive: true, force: true });
});

describe("the connection of a worker started on its own", () => {
  it("finds the embedded database that npm start runs on the same data folder, and its secrets", async () => {
    const { env, embeddedDir } = resolveWorkerConnection(parseEnv({ PAIRWISE_DATA_DIR: "data" }), root);
    expect(env).toEqual({
      DATABASE_URL: database.url,
      NEXTAUTH_SECRET: secrets.authSecret,
      APP_SECRET: secrets.appSecret,
    });
    expect(embeddedDir).toBe(path.join(dataDir, "postgres"));
    await expect(checkReachable(env.DATABASE_URL!)).resolves.toBeUndefined();
  });

  it("uses DATABASE_URL and secrets from the environment before anything in the data folder", () => {
    const given = {
      DATABASE_URL: "postgresql://pairwise:pw@db.internal:5432/pairwise",
      APP_SECRET: "app-secret-of-the-environment-0123456789",
    };
    const { env, embeddedDir } = resolveWorkerConnection(parseEnv({ ...given, PAIRWISE_DATA_DIR: dataDir }), root);
    expect(env).toEqual({ ...given, NEXTAUTH_SECRET: secrets.authSecret });
    expect(embeddedDir).toBeNull();
  });

  it("says what to do when no database runs on the data folder, naming no secret", () => {
    const empty = path.join(root, "never-started");
    expect(() => resolveWorkerConnection(parseEnv({ PAIRWISE_DATA_DIR: empty }), root)).toThrow(
      "No database to work on: the embedded database in never-started/postgres is not running. " +
        "Start Pairwise first (`npm start`, with the same PAIRWISE_DATA_DIR), " +
        "or set DATABASE_URL (with NEXTAUTH_SECRET and APP_SECRET) to use your own PostgreSQL.",
    );
  });

  it("never quotes a damaged secrets file", () => {
    const damaged = path.join(root, "damaged");
    mkdirSync(damaged);
    // A damaged value: JSON.parse's own message quotes the text around it.
    writeFileSync(path.join(damaged, "secrets.json"), '{"authSecret": "auth-secret-value", "appSecret": a');
    const env = parseEnv({ PAIRWISE_DATA_DIR: damaged });
    expect(() => resolveWorkerConnection(env, root)).toThrow(/secrets\.json is not valid JSON/);
    expect(() => resolveWorkerConnection(env, root)).not.toThrow(/Secret/);
  });
});
