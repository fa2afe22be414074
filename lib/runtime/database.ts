import path from "node:path";
import pg from "pg";
import { parse } from "pg-connection-string";
import { ensureDatabase, startEmbeddedPostgres } from "./embedded-postgres";

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export const EMBEDDED_DATABASE = "pairwise";

/** One line naming the host and the cause, for a DATABASE_URL that cannot be used. */
export function describeConnectError(url: string, err: unknown): string {
  const { host, port, database } = parse(url);
  const e = err as NodeJS.ErrnoException & { code?: string };
  const causes: Record<string, string> = {
    ECONNREFUSED: "connection refused (is PostgreSQL running there?)",
    ENOTFOUND: "host not found",
    EAI_AGAIN: "host name lookup failed",
    ETIMEDOUT: "connection timed out",
    "28P01": "password authentication failed",
    "28000": "access denied for this user",
    "3D000": `database "${database}" does not exist`,
  };
  const cause = causes[e.code ?? ""] ?? e.message?.split("\n")[0] ?? String(err);
  return `Cannot reach the database at ${host ?? "localhost"}:${port ?? 5432}: ${cause}`;
}

/** Connects once to prove the server is reachable; throws an Error with a one-line message. */
export async function checkReachable(url: string, timeoutMs = 5000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (err) {
    throw new Error(describeConnectError(url, err));
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The database Pairwise runs on: DATABASE_URL when given (nothing embedded), otherwise an
 * embedded PostgreSQL with its data under `<dataDir>/postgres`.
 */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  dbPassword: string;
  log?: (line: string) => void;
}): Promise<Database> {
  if (opts.databaseUrl) {
    await checkReachable(opts.databaseUrl);
    return { url: opts.databaseUrl, embedded: false, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({
    dir: path.join(opts.dataDir, "postgres"),
    password: opts.dbPassword,
    log: opts.log,
  });
  await ensureDatabase(server.serverUrl, EMBEDDED_DATABASE);
  return { url: server.urlFor(EMBEDDED_DATABASE), embedded: true, stop: () => server.stop() };
}
