import { TEST_ORIGIN } from "@/lib/testing/requests";
import { spawn } from "node:child_process";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { packageFile, waitForExit } from "@/lib/runtime/processes";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

// Imports are all or nothing whatever stops them, at sizes well past the 1 MB batches an import
// stores while it reads the file: nothing is visible before the end, nothing is left after.

const MB = 1024 * 1024;
process.env.IMPORT_MAX_BYTES = String(6 * MB);

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  sessionAccountDeactivated: async () => false,
}));
const prompts = await import("@/app/api/projects/[id]/imports/prompts/route");
const list = await import("@/app/api/projects/[id]/prompts/route");

const encoder = new TextEncoder();

/** About `bytes` of JSONL prompts (each line ~100 bytes). */
function jsonlOf(bytes: number, tag = "p"): Uint8Array {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `${JSON.stringify({ prompt: `${tag} ${i}: ${"some words of a prompt ".repeat(3)}` })}\n`;
    lines.push(line);
    size += line.length;
  }
  return encoder.encode(lines.join(""));
}

interface UploadOptions {
  /** The stream fails (as when the client hangs up) after this many bytes. */
  abortAfter?: number;
  /** The stream stops after this many bytes until `resume` is called. */
  pauseAfter?: number;
}

/** The file as a request body in 64 KiB pieces. */
function upload(file: Uint8Array, options: UploadOptions = {}) {
  let at = 0;
  let resume = () => {};
  const resumed = new Promise<void>((r) => (resume = r));
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (options.abortAfter !== undefined && at >= options.abortAfter)
        return controller.error(new Error("client went away"));
      if (options.pauseAfter !== undefined && at >= options.pauseAfter) {
        options.pauseAfter = undefined;
        await resumed;
      }
      if (at >= file.length) return controller.close();
      controller.enqueue(file.subarray(at, at + 64 * 1024));
      at += 64 * 1024;
    },
  });
  return { body, resume };
}

async function setup() {
  const admin = await createTestUser({ role: "ADMIN" });
  session.user = { id: admin.id, email: admin.email, name: null, role: "ADMIN" };
  const project = await createTestProject({ createdById: admin.id });
  const post = async (body: ReadableStream<Uint8Array> | Uint8Array) => {
    const req = new Request(`http://test/api/projects/${project.id}/imports/prompts?fileName=big.jsonl`, {
      method: "POST",
      body,
      headers: { origin: TEST_ORIGIN, "content-type": "application/octet-stream" },
      duplex: "half",
    } as RequestInit);
    const res = await prompts.POST(req, { params: Promise.resolve({ id: project.id }) });
    return { status: res.status, body: await res.json() };
  };
  return { admin, project, post };
}

/** What readers see of the project. */
async function visible(projectId: string) {
  const [rows, batches] = await Promise.all([
    db.prompt.count({ where: { projectId } }),
    db.importBatch.count({ where: { projectId } }),
  ]);
  return { rows, batches };
}

/** Whether some other session has inserted into "Prompt" and not yet committed. */
async function uncommittedInsert(): Promise<boolean> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
    WHERE c.relname = 'Prompt' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
  return row!.n > 0n; // count(*) always returns a row
}

async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; !(await check()); i++) {
    if (i > 1200) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each([2 * MB, 5 * MB])("an import of %i bytes", (size) => {
  it("leaves nothing when the client hangs up halfway", async () => {
    const { project, post } = await setup();
    const file = jsonlOf(size);
    // Nobody reads this answer; what matters is what the database keeps.
    expect((await post(upload(file, { abortAfter: size * 0.9 }).body)).status).toBe(500);
    expect(await visible(project.id)).toEqual({ rows: 0, batches: 0 });
  }, 120_000);

  it("leaves nothing when the file turns out broken at its very end", async () => {
    const { project, post } = await setup();
    const file = jsonlOf(size);
    const broken = new Uint8Array(file.length + 3);
    broken.set(file);
    broken.set([0x63, 0xe9, 0x0a], file.length); // Latin-1, not UTF-8
    const res = await post(upload(broken).body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_utf8");
    expect(await visible(project.id)).toEqual({ rows: 0, batches: 0 });
  }, 120_000);

  it("shows readers nothing of it until it is complete, then all of it", async () => {
    const { project, post } = await setup();
    const file = jsonlOf(size);
    const { body, resume } = upload(file, { pauseAfter: size * 0.9 });
    const done = post(body);
    // Rows of this import are in "Prompt" already, uncommitted.
    await until(uncommittedInsert, "the import to store its first rows");
    expect(await visible(project.id)).toEqual({ rows: 0, batches: 0 });
    const page = await list.GET(new Request(`http://test/api/projects/${project.id}/prompts`), {
      params: Promise.resolve({ id: project.id }),
    });
    expect((await page.json()).prompts).toEqual([]);
    resume();
    const res = await done;
    expect(res.status).toBe(200);
    const lines = new TextDecoder().decode(file).split("\n").length - 1;
    expect(res.body.batch.imported).toBe(lines);
    expect(await visible(project.id)).toEqual({ rows: lines, batches: 1 });
  }, 120_000);

  it("leaves nothing when the server process is killed mid-import", async () => {
    const { admin, project } = await setup();
    const lines = Math.round(size / 100);
    const child = spawn(
      process.execPath,
      [
        packageFile("tsx/dist/cli.mjs"),
        "--conditions=react-server",
        "lib/prompts/testing/import-child.ts",
        project.id,
        admin.id,
        String(lines),
        String(Math.round(lines * 0.9)),
      ],
      { env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    const exited = waitForExit(child);
    await until(async () => output.includes("sent") || child.exitCode !== null, "the child to send most of the file");
    expect(output).toContain("sent");
    await until(uncommittedInsert, "the child to store rows");
    child.kill("SIGTERM");
    await exited;
    expect(output).not.toContain("finished");
    expect(await visible(project.id)).toEqual({ rows: 0, batches: 0 });
    await until(async () => !(await uncommittedInsert()), "the killed import's transaction to end");
    expect(await visible(project.id)).toEqual({ rows: 0, batches: 0 });
  }, 120_000);
});

it("answers 413 past IMPORT_MAX_BYTES, after several batches were stored, and leaves nothing", async () => {
  const { project, post } = await setup();
  const res = await post(upload(jsonlOf(7 * MB)).body);
  expect(res.status).toBe(413);
  expect(res.body.error.code).toBe("too_large");
  expect(await visible(project.id)).toEqual({ rows: 0, batches: 0 });
}, 120_000);

it("answers with the stored import when the database refuses new connections after its commit", async () => {
  // A stopping server: SIGTERM to the whole process group (or systemd stopping the service)
  // reaches PostgreSQL too, which then lets running sessions finish and refuses new ones. Here
  // new connections to the test database are refused and every other session is ended, while
  // the import's own session goes on.
  const { admin, project, post } = await setup();
  const file = jsonlOf(2 * MB);
  const lines = new TextDecoder().decode(file).split("\n").length - 1;
  const { body, resume } = upload(file, { pauseAfter: 1.6 * MB });
  const done = post(body);
  await until(uncommittedInsert, "the import to store its first rows");
  const url = new URL(process.env.DATABASE_URL!);
  const database = decodeURIComponent(url.pathname.slice(1));
  url.pathname = "/postgres";
  const server = new pg.Client({ connectionString: url.toString() });
  await server.connect();
  try {
    await server.query(`ALTER DATABASE ${server.escapeIdentifier(database)} ALLOW_CONNECTIONS false`);
    await server.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_xid IS NULL`,
      [database],
    );
    await expect(db.importBatch.count()).rejects.toThrow();
    resume();
    const res = await done;
    expect(res.status).toBe(200);
    expect(res.body.batch).toMatchObject({
      imported: lines,
      fileName: "big.jsonl",
      createdBy: { id: admin.id, email: admin.email },
    });
    expect(Math.abs(Date.parse(res.body.batch.createdAt) - Date.now())).toBeLessThan(60_000);
  } finally {
    await server.query(`ALTER DATABASE ${server.escapeIdentifier(database)} ALLOW_CONNECTIONS true`);
    await server.end();
  }
  expect(await visible(project.id)).toEqual({ rows: lines, batches: 1 });
}, 120_000);
