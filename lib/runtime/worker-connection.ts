import path from "node:path";
import type { Env } from "@/lib/config/env";
import { EMBEDDED_DATABASE } from "./database";
import { runningEmbeddedUrl } from "./embedded-postgres";
import { readSecrets } from "./secrets";

export interface WorkerConnection {
  /** The variables the worker runs with: the environment's own, completed from the data folder. */
  env: { DATABASE_URL?: string; NEXTAUTH_SECRET?: string; APP_SECRET?: string };
  /** The embedded database's folder, when that is the database the worker uses. */
  embeddedDir: string | null;
}

/**
 * What a worker started on its own (`npm run worker`) connects with. DATABASE_URL when given;
 * otherwise the embedded database that `npm start` runs on the same data folder: its port changes
 * at each start, so it is read from the server's lock file, and its password from the folder's
 * secrets. Secrets missing from the environment are taken from the folder as `npm start` takes
 * them, so the worker decrypts the API keys the web server encrypted. Nothing is created or
 * started here: with no database to use, it throws saying what to do.
 */
export function resolveWorkerConnection(env: Env, root: string): WorkerConnection {
  const dataDir = path.resolve(root, env.PAIRWISE_DATA_DIR);
  const secrets = readSecrets(dataDir);
  const fromFolder = {
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? secrets?.authSecret,
    APP_SECRET: env.APP_SECRET ?? secrets?.appSecret,
  };
  if (env.DATABASE_URL) return { env: { DATABASE_URL: env.DATABASE_URL, ...fromFolder }, embeddedDir: null };

  const dir = path.join(dataDir, "postgres");
  const url = secrets?.dbPassword ? runningEmbeddedUrl(dir, secrets.dbPassword, EMBEDDED_DATABASE) : null;
  if (!url) {
    const shown = path.relative(root, dir).startsWith("..") ? dir : path.relative(root, dir);
    throw new Error(
      `No database to work on: the embedded database in ${shown} is not running. ` +
        "Start Pairwise first (`npm start`, with the same PAIRWISE_DATA_DIR), " +
        "or set DATABASE_URL (with NEXTAUTH_SECRET and APP_SECRET) to use your own PostgreSQL.",
    );
  }
  return { env: { DATABASE_URL: url, ...fromFolder }, embeddedDir: dir };
}
