// Export throughput and memory as a user gets them: the TRL JSONL file of 1,000,000 labelled
// pairs downloaded through GET /api/projects/{id}/export with an API token from the production
// server (`npm start`, on the bench database), against PostgreSQL's own COPY of
// json_build_object over the same rows on the same database. The download includes everything
// the route does: counts, the dataset card's figures and the snapshot's stored chunks. The
// server's peak memory is the VmHWM of the Next.js server process after the downloads.
// Each side is run once to warm the cache (the two read the same tables), then the two
// alternate, so neither profits from the other having just read the data; medians are compared.
// Each export's dataset card is waited for, so neither side runs beside the card's work.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { get, type IncomingMessage } from "node:http";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { db } from "@/lib/db";
import { pairMajoritySql } from "@/lib/labels/precedence";
import { ensureBuild } from "@/lib/runtime/ensure-build";
import { freePort } from "@/lib/runtime/ports";
import { spawnTsScript, waitForExit } from "@/lib/runtime/processes";
import { createToken } from "@/lib/tokens/tokens";
import { seedPairs } from "./annotation.bench";
import { median, result, type BenchResult } from "./lib";

const PAIRS = Number(process.env.EXPORT_BENCH_PAIRS) || 1_000_000;
/** Measured runs of each side, after one warm-up run of each. */
const ROUNDS = Number(process.env.EXPORT_BENCH_ROUNDS) || 3;

/** A HYBRID project: a third of the pairs decided by one human vote, the rest by the judge. */
export async function seedLabels(projectId: string, adminId: string) {
  await seedPairs(projectId, "x", PAIRS);
  await db.$executeRawUnsafe(
    `
    INSERT INTO "Assignment" ("id", "projectId", "pairId", "userId", "status", "leftIsA", "leasedUntil", "updatedAt")
    SELECT 'xa' || g, $1, 'xpair' || g, $2, 'VOTED', true, now(), now() FROM generate_series(3, ${PAIRS}, 3) g`,
    projectId,
    adminId,
  );
  await db.$executeRawUnsafe(
    `
    INSERT INTO "Vote" ("id", "assignmentId", "projectId", "pairId", "userId", "choice", "leftIsA", "timeOnItemMs")
    SELECT 'xv' || g, 'xa' || g, $1, 'xpair' || g, $2, (CASE WHEN g % 2 = 0 THEN 'A' ELSE 'B' END)::"VoteChoice", true, 1000
    FROM generate_series(3, ${PAIRS}, 3) g`,
    projectId,
    adminId,
  );
  await db.$executeRawUnsafe(
    `
    UPDATE "Pair" SET "voteCount" = 1 WHERE "projectId" = $1 AND right("id", -5)::int % 3 = 0`,
    projectId,
  );
  await db.$executeRawUnsafe(
    `
    UPDATE "Pair" SET "judgeStatus" = 'AGREED', "judgeLabel" = (CASE WHEN right("id", -5)::int % 2 = 0 THEN 'B' ELSE 'A' END)::"PairLabel"
    WHERE "projectId" = $1 AND right("id", -5)::int % 3 <> 0`,
    projectId,
  );
  await db.$executeRawUnsafe(`VACUUM ANALYZE "Pair"`);
  await db.$executeRawUnsafe(`ANALYZE "Vote"; ANALYZE "Candidate"; ANALYZE "Prompt"; ANALYZE "Assignment"`);
}

/** Counts newlines as the bytes pass, keeping none of them. */
function lineCounter() {
  const counter = { rows: 0, bytes: 0, sink: null as unknown as Writable };
  counter.sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      counter.bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) counter.rows++;
      cb();
    },
  });
  return counter;
}

/**
 * The same rows as JSON objects by COPY: the label from the pair's vote majority, else the judge.
 * The majority is read as the app reads it, from the pair's stored majority with the app's own
 * expression (lib/labels/precedence.ts): both sides read the same stored data, where a join to
 * the votes would make COPY do work the app no longer does.
 */
const baselineMajority = pairMajoritySql("p").label;
async function copyBaseline(projectId: string): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const started = performance.now();
    const counter = lineCounter();
    const stream = client.query(
      copyTo(`COPY (
        SELECT json_build_object('prompt', pr."text",
          'chosen', CASE WHEN l.label = 'A' THEN ca."text" ELSE cb."text" END,
          'rejected', CASE WHEN l.label = 'A' THEN cb."text" ELSE ca."text" END)
        FROM (SELECT p.*, coalesce(${baselineMajority}, p."judgeLabel") AS label FROM "Pair" p
              WHERE p."projectId" = '${projectId}') l
        JOIN "Prompt" pr ON pr."id" = l."promptId"
        JOIN "Candidate" ca ON ca."id" = l."candidateAId"
        JOIN "Candidate" cb ON cb."id" = l."candidateBId"
        ORDER BY l."createdAt", l."id") TO STDOUT`),
    );
    await pipeline(stream, counter.sink);
    return { rows: counter.rows, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

/** `npm start` on the bench database, without the generation worker. */
async function startApp(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawnTsScript(
    "scripts/start.ts",
    { ...process.env, PORT: String(port), PAIRWISE_DATA_DIR: dataDir, PAIRWISE_WORKER: "0" },
    { stdio: "ignore" },
  );
  for (let i = 0; i < 600; i++) {
    if ((await fetch(`http://localhost:${port}/api/health`).catch(() => null))?.ok) return child;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the app did not start");
}

/** Every process below `root` (the web server is a child of `npm start`'s process). */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces and parentheses: the parent pid follows the last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // The process ended while being read.
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    for (const [child, ppid] of parent) {
      if (ppid !== pid) continue;
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** The peak resident memory of the Next.js server process(es) under `root`, in MB. */
function serverPeakMb(root: number): number {
  const peaks = descendants(root)
    .filter((pid) => /next/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8")))
    .map((pid) => Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+) kB/)?.[1] ?? 0) / 1024);
  if (!peaks.length) throw new Error("no Next.js server process found below the app");
  return Math.max(...peaks);
}

/**
 * Each side is read by Node's lightest reader of its protocol: node:http here, pg-copy-streams
 * for COPY. fetch (web streams) spent 0.78 s of CPU reading the same 109 MB against 0.42-0.47 s
 * for node:http, CPU the server and PostgreSQL lacked on two cores.
 */
async function download(url: string, token: string): Promise<{ rows: number; bytes: number; seconds: number }> {
  const started = performance.now();
  const res = await new Promise<IncomingMessage>((resolve, reject) =>
    get(url, { headers: { authorization: `Bearer ${token}` } }, resolve).on("error", reject),
  );
  if (res.statusCode !== 200) {
    const body = await new Promise<string>((resolve) => {
      let text = "";
      res
        .setEncoding("utf8")
        .on("data", (c: string) => (text += c))
        .on("end", () => resolve(text));
    });
    throw new Error(`export answered ${res.statusCode}: ${body}`);
  }
  const counter = lineCounter();
  await pipeline(res, counter.sink);
  return { rows: counter.rows, bytes: counter.bytes, seconds: (performance.now() - started) / 1000 };
}

export async function runExportBench(): Promise<BenchResult[]> {
  await ensureBuild(process.cwd(), (m) => console.log(`  ${m}`));
  const admin = await db.user.create({
    data: { email: `bench-export-${Date.now()}@x.test`, passwordHash: "x", role: "ADMIN" },
  });
  const project = await db.project.create({
    data: { name: "export bench", generationMode: "IMPORTED", evaluationMode: "HYBRID", createdById: admin.id },
  });
  const t = performance.now();
  await seedLabels(project.id, admin.id);
  console.log(`  seeded ${PAIRS.toLocaleString()} labelled pairs in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const { token } = await createToken(admin.id, "export bench");

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "pairwise-export-bench-"));
  const port = await freePort();
  const app = await startApp(port, dataDir);
  const exportUrl = `http://localhost:${port}/api/projects/${project.id}/export?format=trl`;
  /**
   * One export as a user gets it, with its dataset card: the card (with the project's agreement
   * figures) is written after the last byte, and its route waits for it. Reported too, so the
   * whole of the server's work is in the figures, and no card is still being written when the
   * next download or COPY starts.
   */
  const exportWithCard = async () => {
    const started = performance.now();
    const mine = await download(exportUrl, token);
    const snap = await db.exportSnapshot.findFirstOrThrow({
      where: { projectId: project.id },
      orderBy: { createdAt: "desc" },
    });
    const card = await fetch(`http://localhost:${port}/api/projects/${project.id}/exports/${snap.id}/card`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!card.ok || !(await card.text()).startsWith("---")) throw new Error(`the card answered ${card.status}`);
    if (mine.rows !== PAIRS) throw new Error(`expected ${PAIRS} rows from the export, got ${mine.rows}`);
    if (snap.status !== "COMPLETE" || snap.rowCount !== PAIRS)
      throw new Error(`the snapshot is ${snap.status} with ${snap.rowCount} rows`);
    return { ...mine, cardSeconds: (performance.now() - started) / 1000 };
  };
  try {
    // Warm-up of each side: not counted.
    await copyBaseline(project.id);
    await exportWithCard();
    const copies: number[] = [];
    const ours: number[] = [];
    const withCard: number[] = [];
    let bytes = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const mine = await exportWithCard();
      const baseline = await copyBaseline(project.id);
      if (baseline.rows !== PAIRS) throw new Error(`expected ${PAIRS} rows from COPY, got ${baseline.rows}`);
      console.log(
        `  round ${round + 1}: export over HTTP ${(mine.bytes / 1e6).toFixed(1)} MB in ${mine.seconds.toFixed(2)} s, card written after ${mine.cardSeconds.toFixed(2)} s; COPY ${baseline.seconds.toFixed(2)} s`,
      );
      ours.push(mine.seconds);
      withCard.push(mine.cardSeconds);
      copies.push(baseline.seconds);
      bytes = mine.bytes;
    }
    const peakMb = serverPeakMb(app.pid!);
    const copyRate = PAIRS / median(copies);
    console.log(
      `  medians of ${ROUNDS}: export ${median(ours).toFixed(2)} s (${(bytes / 1e6).toFixed(1)} MB), with card ${median(withCard).toFixed(2)} s, COPY ${median(copies).toFixed(2)} s; server peak ${peakMb.toFixed(0)} MB`,
    );
    return [
      result("export trl JSONL over HTTP throughput, 1M pairs", PAIRS / median(ours), "rows/s", copyRate, ">= 0.8"),
      // No target of its own: the card's agreement figures cover the whole project (see the metrics bench).
      result("export including the dataset card, 1M pairs", PAIRS / median(withCard), "rows/s", copyRate, "none"),
      result("export server peak memory (VmHWM), 1M pairs", peakMb, "MB", 0, "< 200"),
    ];
  } finally {
    app.kill("SIGTERM");
    await waitForExit(app);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
