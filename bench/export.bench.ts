// Export throughput and memory: the TRL JSONL file of 1,000,000 labelled pairs streamed through
// exportStream in a child process (its peak memory measured alone), against PostgreSQL's own
// COPY of json_build_object over the same rows on the same database.
import { spawn } from "node:child_process";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { db } from "@/lib/db";
import { packageFile } from "@/lib/runtime/processes";
import { seedPairs } from "./annotation.bench";
import { result, type BenchResult } from "./lib";

const PAIRS = Number(process.env.EXPORT_BENCH_PAIRS) || 1_000_000;

/** A HYBRID project: a third of the pairs decided by one human vote, the rest by the judge. */
async function seedLabels(projectId: string, adminId: string) {
  await seedPairs(projectId, "x", PAIRS);
  await db.$executeRawUnsafe(`
    INSERT INTO "Assignment" ("id", "projectId", "pairId", "userId", "status", "leftIsA", "leasedUntil", "updatedAt")
    SELECT 'xa' || g, $1, 'xpair' || g, $2, 'VOTED', true, now(), now() FROM generate_series(3, ${PAIRS}, 3) g`, projectId, adminId);
  await db.$executeRawUnsafe(`
    INSERT INTO "Vote" ("id", "assignmentId", "projectId", "pairId", "userId", "choice", "leftIsA", "timeOnItemMs")
    SELECT 'xv' || g, 'xa' || g, $1, 'xpair' || g, $2, (CASE WHEN g % 2 = 0 THEN 'A' ELSE 'B' END)::"VoteChoice", true, 1000
    FROM generate_series(3, ${PAIRS}, 3) g`, projectId, adminId);
  await db.$executeRawUnsafe(`
    UPDATE "Pair" SET "voteCount" = 1 WHERE "projectId" = $1 AND right("id", -5)::int % 3 = 0`, projectId);
  await db.$executeRawUnsafe(`
    UPDATE "Pair" SET "judgeStatus" = 'AGREED', "judgeLabel" = (CASE WHEN right("id", -5)::int % 2 = 0 THEN 'B' ELSE 'A' END)::"PairLabel"
    WHERE "projectId" = $1 AND right("id", -5)::int % 3 <> 0`, projectId);
  await db.$executeRawUnsafe(`VACUUM ANALYZE "Pair"`);
  await db.$executeRawUnsafe(`ANALYZE "Vote"; ANALYZE "Candidate"; ANALYZE "Prompt"; ANALYZE "Assignment"`);
}

function runExportProcess(projectId: string): Promise<{ rows: number; seconds: number; peakMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [packageFile("tsx/dist/cli.mjs"), "--conditions=react-server", "bench/export-process.ts", projectId, JSON.stringify({ format: "trl" })],
      { stdio: ["ignore", "pipe", "inherit"], env: process.env },
    );
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`export process exited ${code}: ${out}`))));
  });
}

/** The same rows as JSON objects by COPY: label from the vote, else the judge. */
async function copyBaseline(projectId: string): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const started = performance.now();
    let rows = 0;
    const stream = client.query(
      copyTo(`COPY (
        SELECT json_build_object('prompt', pr."text",
          'chosen', CASE WHEN l.label = 'A' THEN ca."text" ELSE cb."text" END,
          'rejected', CASE WHEN l.label = 'A' THEN cb."text" ELSE ca."text" END)
        FROM (SELECT p.*, coalesce(v."choice"::text, p."judgeLabel"::text) AS label FROM "Pair" p
              LEFT JOIN "Vote" v ON v."pairId" = p."id" WHERE p."projectId" = '${projectId}') l
        JOIN "Prompt" pr ON pr."id" = l."promptId"
        JOIN "Candidate" ca ON ca."id" = l."candidateAId"
        JOIN "Candidate" cb ON cb."id" = l."candidateBId"
        ORDER BY l."createdAt", l."id") TO STDOUT`),
    );
    await pipeline(
      stream,
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
          cb();
        },
      }),
    );
    return { rows, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

export async function runExportBench(): Promise<BenchResult[]> {
  const admin = await db.user.create({ data: { email: `bench-export-${Date.now()}@x.test`, passwordHash: "x", role: "ADMIN" } });
  const project = await db.project.create({ data: { name: "export bench", generationMode: "IMPORTED", evaluationMode: "HYBRID", createdById: admin.id } });
  const t = performance.now();
  await seedLabels(project.id, admin.id);
  console.log(`  seeded ${PAIRS.toLocaleString()} labelled pairs in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const baseline = await copyBaseline(project.id);
  const ours = await runExportProcess(project.id);
  console.log(`  export: ${ours.rows} rows in ${ours.seconds.toFixed(1)} s, peak ${ours.peakMb.toFixed(0)} MB; COPY: ${baseline.rows} rows in ${baseline.seconds.toFixed(1)} s`);
  if (ours.rows !== PAIRS || baseline.rows !== PAIRS) throw new Error(`expected ${PAIRS} rows from both, got ${ours.rows} and ${baseline.rows}`);
  return [
    result("export trl JSONL throughput, 1M pairs", ours.rows / ours.seconds, "rows/s", baseline.rows / baseline.seconds, ">= 0.5"),
    result("export peak memory (RSS), 1M pairs", ours.peakMb, "MB", 0, "< 300"),
  ];
}
