import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureBuild } from "@/lib/runtime/ensure-build";
import { freePort } from "@/lib/runtime/ports";
import { spawnTsScript } from "@/lib/runtime/processes";
import { createDatabase, dropDatabase, uniqueName } from "@/lib/testing/test-database";

// These run scripts/start.ts as a user would (`npm start`), in its own process.

interface Run {
  output: () => string;
  /** The exit code, once the process has ended; fails after `timeoutMs` with what it printed. */
  exit: (timeoutMs?: number) => Promise<number | null>;
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  kill: (signal: NodeJS.Signals) => void;
}

function start(env: Record<string, string | undefined>): Run {
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const child = spawnTsScript(
    "scripts/start.ts",
    { ...base, NEXT_TELEMETRY_DISABLED: "1", ...env },
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    output: () => output,
    exit: (timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`still running after ${timeoutMs / 1000} s; output:\n${output}`)),
          timeoutMs,
        );
        void exited.then((code) => {
          clearTimeout(timer);
          resolve(code);
        });
      }),
    kill: (signal) => child.kill(signal),
    waitFor: (pattern, timeoutMs = 120_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = output.match(pattern);
          if (m) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${pattern}; output:\n${output}`)),
          timeoutMs,
        );
        listeners.add(check);
        exited.then(() => setTimeout(() => reject(new Error(`exited before ${pattern}; output:\n${output}`)), 50));
        check();
      }),
  };
}

/** Every request here gives up after a while: a server that stalls fails the test with its cause. */
const REQUEST_TIMEOUT = () => AbortSignal.timeout(30_000);

async function waitForHealth(port: number, run: Run) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const res = await fetch(`http://localhost:${port}/api/health`, { signal: REQUEST_TIMEOUT() }).catch(() => null);
    if (res?.ok) return res.json();
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server was not healthy after 90 s; output:\n${run.output()}`);
}

/** Signs in through next-auth's endpoints and returns who the server thinks we are. */
async function signInOverHttp(port: number, email: string, password: string) {
  const base = `http://localhost:${port}`;
  const csrf = await fetch(`${base}/api/auth/csrf`, { signal: REQUEST_TIMEOUT() });
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const { csrfToken } = await csrf.json();
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    signal: REQUEST_TIMEOUT(),
    // A browser sends its Origin; the server refuses sign-in posts without one (lib/api/csrf.ts).
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; "), Origin: base },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
  jar.push(...login.headers.getSetCookie().map((c) => c.split(";")[0]));
  const me = await fetch(`${base}/api/me`, { headers: { Cookie: jar.join("; ") }, signal: REQUEST_TIMEOUT() });
  return { status: me.status, body: await me.json() };
}

describe("npm start", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(path.join(os.tmpdir(), "pairwise-start-"));
    chmodSync(d, 0o755);
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("stops with a message naming a malformed variable", async () => {
    const run = start({ PORT: "eighty", PAIRWISE_DATA_DIR: tempDir() });
    expect(await run.exit()).toBe(1);
    expect(run.output()).toMatch(/PORT: .*got "eighty"/);
  });

  it("ends in one line naming the host and the cause when DATABASE_URL cannot be reached", async () => {
    const port = await freePort();
    const run = start({
      DATABASE_URL: `postgresql://u:pw@127.0.0.1:${port}/x`,
      PORT: String(await freePort()),
      PAIRWISE_DATA_DIR: tempDir(),
    });
    expect(await run.exit()).toBe(1);
    const lines = run
      .output()
      .trim()
      .split("\n")
      .filter((l) => l.startsWith("[pairwise]"));
    expect(lines).toEqual([
      `[pairwise] Cannot reach the database at 127.0.0.1:${port}: connection refused (is PostgreSQL running there?)`,
    ]);
    expect(run.output()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("says so when the port is taken", async () => {
    const blocker = net.createServer().listen(0);
    await new Promise((r) => blocker.once("listening", r));
    const port = (blocker.address() as net.AddressInfo).port;
    const run = start({ PORT: String(port), PAIRWISE_DATA_DIR: tempDir() });
    expect(await run.exit()).toBe(1);
    expect(run.output()).toContain(`Port ${port} is already in use; set PORT to another port.`);
    blocker.close();
  });

  it("writes no secrets file when the environment gives every secret and the database", async () => {
    const dataDir = tempDir();
    const run = start({
      DATABASE_URL: `postgresql://u:pw@127.0.0.1:${await freePort()}/x`,
      NEXTAUTH_SECRET: "a-session-secret-of-at-least-32-chars",
      APP_SECRET: "an-app-secret-of-at-least-32-characters",
      PORT: String(await freePort()),
      PAIRWISE_DATA_DIR: dataDir,
    });
    expect(await run.exit()).toBe(1); // nothing listens at that address
    expect(run.output()).toContain("Cannot reach the database");
    expect(existsSync(path.join(dataDir, "secrets.json"))).toBe(false);
  });

  it("says the data folder is in use while another start is starting its database", async () => {
    const dataDir = tempDir();
    // What a start leaves beside the database folder while it starts it: its own PID (here, a live one).
    writeFileSync(path.join(dataDir, "postgres.starting"), String(process.pid));
    const run = start({ PORT: String(await freePort()), PAIRWISE_DATA_DIR: dataDir });
    expect(await run.exit()).toBe(1);
    expect(run.output().trim()).toBe(
      `[pairwise] The data folder ${dataDir} is in use: another Pairwise (PID ${process.pid}) is starting its database. ` +
        "Wait for it to start, or stop it.",
    );
  });

  it("says when PAIRWISE_DATA_DIR is a file, not a folder", async () => {
    const file = path.join(tempDir(), "data");
    writeFileSync(file, "not a folder");
    const run = start({ PAIRWISE_DATA_DIR: file, PORT: String(await freePort()) });
    expect(await run.exit()).toBe(1);
    expect(run.output().trim()).toBe(
      `[pairwise] PAIRWISE_DATA_DIR (${file}) is a file, not a folder; point it at a folder (it is created when missing).`,
    );
  });

  it("names PAIRWISE_HOST and its value when the address cannot be listened on", async () => {
    for (const [host, why] of [
      ["192.0.2.1", "is not an address of this machine"],
      ["not a host!", "is not a known host name or address"],
    ]) {
      const run = start({ PAIRWISE_HOST: host, PORT: String(await freePort()), PAIRWISE_DATA_DIR: tempDir() });
      expect(await run.exit()).toBe(1);
      expect(run.output().trim()).toBe(
        `[pairwise] PAIRWISE_HOST "${host}" ${why}; set it to an address of this machine (such as 127.0.0.1) or leave it unset to listen on all.`,
      );
    }
  });

  it("says in one sentence that the database user may not create tables", { timeout: 120_000 }, async () => {
    const serverUrl = inject("testServerUrl");
    const database = uniqueName("pairwise_start_denied");
    const role = uniqueName("pairwise_limited");
    const url = new URL(await createDatabase(serverUrl, database));
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    // Since PostgreSQL 15 only the database's owner may create tables in its public schema.
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'limited-secret-pw'`);
    url.username = role;
    url.password = "limited-secret-pw";
    try {
      const run = start({ DATABASE_URL: url.toString(), PORT: String(await freePort()), PAIRWISE_DATA_DIR: tempDir() });
      expect(await run.exit()).toBe(1);
      expect(run.output().trim().split("\n")).toEqual([
        "[pairwise] Using DATABASE_URL",
        `[pairwise] The database user "${role}" lacks the right to create tables in database "${database}" ` +
          `(schema public): grant it (GRANT CREATE ON SCHEMA public TO "${role}") or put a user who has it in DATABASE_URL.`,
      ]);
    } finally {
      await dropDatabase(serverUrl, database);
      await admin.query(`DROP ROLE ${role}`);
      await admin.end();
    }
  });

  describe("with the embedded database", () => {
    beforeAll(() => ensureBuild(process.cwd(), () => {}), 600_000);

    it("creates the first admin once, stops cleanly, and finds its data on the next start", async () => {
      const dataDir = tempDir();
      const port = await freePort();
      const first = start({ PORT: String(port), PAIRWISE_DATA_DIR: dataDir });
      await first.waitFor(/\[pairwise\] Applied \d+ migrations\n/);
      const [, email] = await first.waitFor(/Created the first admin: (\S+)/);
      const [, password] = await first.waitFor(/password: (\S+)/);
      expect(await waitForHealth(port, first)).toMatchObject({ ok: true });
      expect(await signInOverHttp(port, email!, password!)).toMatchObject({
        status: 200,
        body: { user: { email, role: "ADMIN" } },
      });

      first.kill("SIGTERM");
      expect(await first.exit()).toBe(0);
      expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);

      const second = start({ PORT: String(port), PAIRWISE_DATA_DIR: dataDir });
      await second.waitFor(/\[pairwise\] Database schema is up to date\n/);
      await waitForHealth(port, second);
      expect(second.output()).not.toContain("Created the first admin");
      expect(await signInOverHttp(port, email!, password!)).toMatchObject({ status: 200, body: { user: { email } } });
      second.kill("SIGINT");
      expect(await second.exit()).toBe(0);
      expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
    }, 300_000);
  });
});
