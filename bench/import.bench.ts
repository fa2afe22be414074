// Prompt import throughput: a 100,000-line JSONL file streamed in 64 KiB chunks through
// importPrompts, against PostgreSQL's own COPY of the same rows. Runs alone
// (`npx tsx --conditions=react-server bench/import.bench.ts`, on its own embedded PostgreSQL)
// or from bench/run.ts, which provides the database.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { closeBulkPool } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import { promptKey } from "@/lib/imports";
import { importPrompts } from "@/lib/prompts/import-prompts";
import { sortableId } from "@/lib/prompts/row-ids";
import { createDatabase, createMigratedTemplate, startTestServer, uniqueName } from "@/lib/testing/test-database";
import { median, result, type BenchResult } from "./lib";

const LINES = 100_000;
const CHUNK = 64 * 1024;
const TARGET_MS = 10_000;

const topics = ["rivers", "compilers", "tax law", "sourdough", "orbital mechanics", "jazz", "glaciers", "SQL indexes"];

function record(i: number) {
  return {
    id: `q-${i}`,
    prompt: `Question ${i}: explain ${topics[i % topics.length]} to a curious twelve-year-old, with one concrete example and one common misconception.`,
    ...(i % 4 === 0 && { system: "You are a patient teacher." }),
  };
}

async function* chunks(file: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < file.length; at += CHUNK) yield file.subarray(at, at + CHUNK);
}

async function freshProject(adminId: string, name: string) {
  return db.project.create({
    data: { name, generationMode: "STRONG_WEAK", evaluationMode: "HUMAN", createdById: adminId },
    select: { id: true },
  });
}

const csvField = (v: string | null) => (v === null ? "" : `"${v.replaceAll('"', '""')}"`);

/** The reference: `COPY "Prompt" FROM STDIN` of the same rows, prepared as CSV before the clock starts. */
async function baselineCopy(projectId: string): Promise<number> {
  const csv = Array.from({ length: LINES }, (_, i) => {
    const r = record(i);
    return [sortableId(), projectId, r.prompt, r.system ?? null, r.id, promptKey(r.prompt)].map(csvField).join(",");
  }).join("\n");
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const started = performance.now();
    const copy = client.query(
      copyFrom(
        `COPY "Prompt" ("id", "projectId", "text", "system", "externalId", "promptKey") FROM STDIN WITH (FORMAT csv)`,
      ),
    );
    await pipeline(Readable.from([csv]), copy);
    return performance.now() - started;
  } finally {
    await client.end();
  }
}

/** Rounds of each, alternating, so that a busy machine slows both alike; medians are reported. */
const ROUNDS = 3;

// ROUNDS >= 1, so the middle element exists.

export async function runImportBench(): Promise<BenchResult[]> {
  const admin = await db.user.create({
    data: { email: `bench-${Date.now()}@example.test`, role: "ADMIN", passwordHash: "x" },
  });
  const file = new TextEncoder().encode(
    Array.from({ length: LINES }, (_, i) => JSON.stringify(record(i))).join("\n") + "\n",
  );

  const imports: number[] = [];
  const copies: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const project = await freshProject(admin.id, `import bench ${round}`);
    const started = performance.now();
    const { batch } = await importPrompts({
      projectId: project.id,
      userId: admin.id,
      input: chunks(file),
      fileName: "bench.jsonl",
    });
    imports.push(performance.now() - started);
    if (batch.imported !== LINES) throw new Error(`expected ${LINES} prompts, imported ${batch.imported}`);
    copies.push(await baselineCopy((await freshProject(admin.id, `import bench baseline ${round}`)).id));
  }
  const ms = median(imports);
  const baselineMs = median(copies);
  const mb = (file.length / 1024 / 1024).toFixed(1);
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join("/");
  console.log(
    `import 100k JSONL: ${ms.toFixed(0)} ms (baseline ${baselineMs.toFixed(0)} ms, ratio ${(ms / baselineMs).toFixed(2)}, target < ${TARGET_MS} ms)` +
      ` — ${mb} MB; median of ${ROUNDS} alternating rounds (import ${list(imports)}, COPY ${list(copies)}); baseline: COPY FROM STDIN of the same rows`,
  );
  return [
    // bench/lib.ts checks the ratio when there is a baseline, so the absolute target is its own figure.
    result("import 100k JSONL prompts", ms, "ms", 0, `< ${TARGET_MS}`),
    // Our own bar: the import parses, validates, dedupes and hashes every row, stages it and
    // publishes the batch in one transaction; COPY only writes the rows.
    result("import 100k JSONL prompts vs COPY", ms, "ms", baselineMs, "<= 2"),
  ];
}

async function standalone() {
  const server = await startTestServer({ durable: true });
  try {
    const template = await createMigratedTemplate(server.serverUrl);
    process.env.DATABASE_URL = await createDatabase(server.serverUrl, uniqueName("pairwise_bench"), template);
    process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-00";
    process.env.APP_SECRET ??= "bench-app-secret-bench-app-secret-000000";
    console.log(JSON.stringify(await runImportBench(), null, 2));
  } finally {
    await db.$disconnect();
    await closeBulkPool();
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  standalone().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
