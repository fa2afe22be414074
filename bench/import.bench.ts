// Prompt import throughput: a 100,000-line JSONL file streamed in 64 KiB chunks through
// importPrompts, against PostgreSQL inserting the same rows in one statement. Runs alone
// (`npx tsx --conditions=react-server bench/import.bench.ts`, on its own embedded PostgreSQL)
// or from bench/run.ts, which provides the database.
import { pathToFileURL } from "node:url";
import pg from "pg";
import { closeBulkPool } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import { promptKey } from "@/lib/imports";
import { importPrompts } from "@/lib/prompts/import-prompts";
import { sortableId } from "@/lib/prompts/row-ids";
import { createDatabase, createMigratedTemplate, startTestServer, uniqueName } from "@/lib/testing/test-database";
import { result, type BenchResult } from "./lib";

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
  return db.project.create({ data: { name, generationMode: "STRONG_WEAK", evaluationMode: "HUMAN", createdById: adminId }, select: { id: true } });
}

/** PostgreSQL's own bulk path, as the reference: every row in one INSERT … SELECT FROM unnest. */
async function baselineInsert(projectId: string): Promise<number> {
  const rows = Array.from({ length: LINES }, (_, i) => record(i));
  const columns = {
    id: rows.map(() => sortableId()),
    text: rows.map((r) => r.prompt),
    system: rows.map((r) => r.system ?? null),
    externalId: rows.map((r) => r.id),
    promptKey: rows.map((r) => promptKey(r.prompt)),
  };
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const started = performance.now();
    await client.query(
      `INSERT INTO "Prompt" ("id", "projectId", "text", "system", "externalId", "promptKey")
       SELECT id, $1, text, system, ext, key FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(id, text, system, ext, key)`,
      [projectId, columns.id, columns.text, columns.system, columns.externalId, columns.promptKey],
    );
    return performance.now() - started;
  } finally {
    await client.end();
  }
}

export async function runImportBench(): Promise<BenchResult[]> {
  const admin = await db.user.create({ data: { email: `bench-${Date.now()}@example.test`, role: "ADMIN", passwordHash: "x" } });
  const file = new TextEncoder().encode(Array.from({ length: LINES }, (_, i) => JSON.stringify(record(i))).join("\n") + "\n");

  const project = await freshProject(admin.id, "import bench");
  const started = performance.now();
  const { batch } = await importPrompts({ projectId: project.id, userId: admin.id, input: chunks(file), fileName: "bench.jsonl" });
  const ms = performance.now() - started;
  if (batch.imported !== LINES) throw new Error(`expected ${LINES} prompts, imported ${batch.imported}`);

  const baselineMs = await baselineInsert((await freshProject(admin.id, "import bench baseline")).id);
  const mb = (file.length / 1024 / 1024).toFixed(1);
  console.log(
    `import 100k JSONL: ${ms.toFixed(0)} ms (baseline ${baselineMs.toFixed(0)} ms, ratio ${(ms / baselineMs).toFixed(2)}, target < ${TARGET_MS} ms)` +
      ` — ${mb} MB; baseline: one INSERT … SELECT FROM unnest (pg-copy-streams is not installed, so no COPY)`,
  );
  return [
    // bench/lib.ts checks the ratio when there is a baseline, so the absolute target is its own figure.
    result("import 100k JSONL prompts", ms, "ms", 0, `< ${TARGET_MS}`),
    result("import 100k JSONL prompts vs one bulk INSERT", ms, "ms", baselineMs, "<= 10"),
  ];
}

async function standalone() {
  const server = await startTestServer();
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
