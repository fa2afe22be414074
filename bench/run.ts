// `npm run bench`: runs every bench/*.bench.ts on one fresh PostgreSQL (embedded unless
// DATABASE_URL names a server), prints each figure against its baseline, and writes
// bench/results.json (`npm run bench -- <name>` runs the benches whose file name contains it and
// updates their figures there). Run it on a quiet machine: the figures are timings.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createDatabase, createMigratedTemplate, startTestServer, uniqueName } from "@/lib/testing/test-database";
import { meets, type BenchResult } from "./lib";

async function main() {
  const only = process.argv[2];
  const server = await startTestServer({ durable: true });
  const template = await createMigratedTemplate(server.serverUrl);
  process.env.DATABASE_URL = await createDatabase(server.serverUrl, uniqueName("pairwise_bench"), template);
  process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-00";
  process.env.DATABASE_POOL_MAX ??= "20";
  process.env.APP_SECRET ??= "bench-app-secret-bench-app-secret-000000";

  const dir = import.meta.dirname;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".bench.ts") && (!only || f.includes(only)))
    .sort();
  const results: BenchResult[] = [];
  try {
    for (const file of files) {
      const mod = await import(pathToFileURL(path.join(dir, file)).href);
      for (const [name, fn] of Object.entries(mod)) {
        if (!/^run\w*Bench$/.test(name) || typeof fn !== "function") continue;
        console.log(`\n▶ ${file} ${name}`);
        for (const r of (await fn()) as BenchResult[]) {
          results.push(r);
          console.log(
            `  ${r.target === "none" ? "·" : meets(r) ? "✓" : "✗"} ${r.name}: ${r.value} ${r.unit} (baseline ${r.baseline}, ratio ${r.ratio}, target ${r.target})`,
          );
        }
      }
    }
  } finally {
    // A partial run (`npm run bench -- metrics`) replaces its own figures and keeps the others.
    const file = path.join(dir, "results.json");
    const names = new Set(results.map((r) => r.name));
    const kept = only && existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as BenchResult[]) : [];
    const merged = [...kept.filter((r) => !names.has(r.name)), ...results];
    writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
    const { db } = await import("@/lib/db");
    const { closeBulkPool } = await import("@/lib/bulk-db");
    await db.$disconnect();
    await closeBulkPool();
    await server.stop();
  }
  const targeted = results.filter((r) => r.target !== "none");
  console.log(
    `\n${targeted.filter(meets).length} of ${targeted.length} figures within target; written to bench/results.json`,
  );
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
