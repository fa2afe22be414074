// `npm test`: lints, builds the app when needed, runs vitest (unit and integration tests on real
// PostgreSQL), then Playwright against the production build, and ends with the counts, after
// the names of the tests that failed or passed only on a retry.
//   npm test            everything
//   npm run test:unit   lint, type check and vitest   (-- <filter> runs the matching files)
//   npm run test:e2e    Playwright only               (-- <spec> runs that spec)
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "@/lib/runtime/ensure-build";
import { freePort } from "@/lib/runtime/ports";
import { createDatabase, dropDatabase, uniqueName } from "@/lib/testing/test-database";
import { runToEnd } from "@/lib/runtime/processes";
import {
  playwrightCounts,
  playwrightNamed,
  vitestCounts,
  vitestNamed,
  type Counts,
  type Named,
  type PlaywrightReport,
  type VitestReport,
} from "@/lib/testing/run-counts";

const mode = process.argv[2] ?? "all";
/** With one runner, what follows picks its tests: `npm run test:e2e -- e2e/export.spec.ts`. */
const only = process.argv.slice(3);
const root = process.cwd();
const results = path.join(root, "test-results");
const log = (msg: string) => console.log(`[test] ${msg}`);

/** A runner's JSON report, or null when it wrote none. */
function reportIn<Report>(file: string): Report | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Report) : null;
}

/**
 * Where the browser tests' server keeps its data: a fresh embedded PostgreSQL in a throw-away
 * folder, or, when DATABASE_URL names a server, a fresh database on it.
 */
async function e2eTarget() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "pairwise-e2e-"));
  chmodSync(dataDir, 0o755); // the embedded server may run as the `postgres` system user
  const env: Record<string, string> = { E2E_PORT: String(await freePort()), E2E_DATA_DIR: dataDir };
  let dropDb = async () => {};
  if (process.env.DATABASE_URL) {
    const server = process.env.DATABASE_URL;
    const name = uniqueName("pairwise_e2e");
    env.E2E_DATABASE_URL = await createDatabase(server, name);
    dropDb = () => dropDatabase(server, name);
  }
  return {
    env,
    cleanup: async () => {
      await dropDb().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main() {
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  const failures: string[] = [];
  const flaky: string[] = [];
  const collect = (named: Named) => {
    failures.push(...named.failed);
    flaky.push(...named.flaky);
  };
  let exit = 0;
  /** Adds a runner's counts; a failure the counts do not show is named, as the tests' are. */
  const add = (c: Counts | null, code: number, name: string) => {
    if (code !== 0) exit = 1;
    if (!c) {
      // A runner that died before reporting still fails the run.
      total.failed += 1;
      failures.push(`${name} ended (code ${code}) without a report`);
      return;
    }
    if (code !== 0 && !c.failed) failures.push(`${name} exited with code ${code} (its output above says why)`);
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  };
  /** A check that passes or fails as one. */
  const check = (code: number, name: string) => {
    if (code !== 0) failures.push(`${name} failed (its output above says where)`);
    add({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 }, code, name);
  };

  // The lint (ESLint, then prettier --check) comes first: any error fails the run.
  if (mode === "all" || mode === "unit") {
    log("Linting (eslint, prettier --check)…");
    let code = await runToEnd("eslint/bin/eslint.js", ["."], process.env);
    if (code === 0)
      code = await runToEnd("prettier/bin/prettier.cjs", ["--check", "--log-level=warn", "."], process.env);
    check(code, "lint (eslint, prettier --check)");
  }

  // A build that is up to date is not redone, and the build does not see tests, scripts or
  // benches: tsc checks everything here.
  if (mode === "all" || mode === "unit") {
    log("Type checking (tsc --noEmit)…");
    const code = await runToEnd("typescript/bin/tsc", ["--noEmit"], process.env);
    check(code, "tsc --noEmit");
  }

  // The process-level tests of `npm start` and the browser tests both run the production build.
  await ensureBuild(root, log);

  if (mode === "all" || mode === "unit") {
    const out = path.join(results, "vitest.json");
    const code = await runToEnd(
      "vitest/vitest.mjs",
      ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...(mode === "unit" ? only : [])],
      process.env,
    );
    const report = reportIn<VitestReport>(out);
    add(report && vitestCounts(report), code, "vitest");
    if (report) collect(vitestNamed(report, root));
  }
  if (mode === "all" || mode === "e2e") {
    const out = path.join(results, "playwright.json");
    const target = await e2eTarget();
    try {
      const code = await runToEnd("@playwright/test/cli.js", ["test", ...only], {
        ...process.env,
        ...target.env,
        PLAYWRIGHT_JSON_OUTPUT_FILE: out,
      });
      const report = reportIn<PlaywrightReport>(out);
      add(report && playwrightCounts(report), code, "playwright");
      if (report) collect(playwrightNamed(report, "e2e"));
    } finally {
      await target.cleanup();
    }
  }
  // The failed tests are named last, after both runners' long output, where a log's tail keeps
  // them; so are those that passed only on their retry, which count as passed but need a look.
  const list = (title: string, lines: string[]) =>
    lines.length && console.log(`\n${title}:\n${lines.map((l) => `  ${l}`).join("\n")}`);
  list("Passed only on a retry", flaky);
  list("Failed", failures);
  console.log(`\nTests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(exit || (total.failed ? 1 : 0));
}

main().catch((err) => {
  console.error(`[test] ${(err as Error).message}`);
  process.exit(1);
});
