// The closing lines of `npm test` (scripts/test.ts): passed, failed and skipped, and which tests
// failed, read from the runners' JSON reports. A CI log often keeps only its end: the failures are
// named there, not only counted, so a test that failed once can be found again.

import { stripVTControlCharacters } from "node:util";
import { clip } from "@/lib/clip";

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {
    name?: string;
    status: string;
    message?: string;
    assertionResults: { status: string; fullName?: string; failureMessages?: string[] }[];
  }[];
}

/**
 * vitest's report: its failed tests, and each test file that failed without a failed test of its
 * own (it did not load, or a hook failed) as one more. vitest's failed "suites" are not added:
 * they count a failing test's file and every describe block around it again.
 */
export function vitestCounts(report: VitestReport): Counts {
  const failedFiles = report.testResults.filter(
    (file) => file.status === "failed" && !file.assertionResults.some((t) => t.status === "failed"),
  ).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + failedFiles,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

/** The first line of a failure's message, without terminal colours, cut to a readable length. */
function firstLine(message: string | undefined): string {
  const line =
    stripVTControlCharacters(message ?? "")
      .trim()
      .split("\n")[0] ?? "";
  return line.length > 200 ? `${clip(line, 199)}…` : line;
}

const failure = (where: string, message: string | undefined) => {
  const line = firstLine(message);
  return line ? `${where}: ${line}` : where;
};

/** The tests to name at the end of a run: those that failed, and those that passed only on a retry. */
export interface Named {
  failed: string[];
  flaky: string[];
}

/**
 * One line per failure `vitestCounts` counts (the file, the test, the first line of its error),
 * and one per test that failed and then passed on its retry (its first error).
 */
export function vitestNamed(report: VitestReport, root = ""): Named {
  const named: Named = { failed: [], flaky: [] };
  for (const file of report.testResults) {
    const name = relative(file.name ?? "", root);
    const line = (t: VitestReport["testResults"][number]["assertionResults"][number]) =>
      failure(`${name} › ${t.fullName ?? ""}`, t.failureMessages?.[0]);
    const failed = file.assertionResults.filter((t) => t.status === "failed");
    named.failed.push(...failed.map(line));
    if (!failed.length && file.status === "failed") named.failed.push(failure(name, file.message));
    named.flaky.push(
      ...file.assertionResults.filter((t) => t.status === "passed" && t.failureMessages?.length).map(line),
    );
  }
  return named;
}

interface PlaywrightSuite {
  title: string;
  specs?: {
    title: string;
    file: string;
    line: number;
    tests: { status: string; results: { error?: { message?: string } }[] }[];
  }[];
  suites?: PlaywrightSuite[];
}

export interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites?: PlaywrightSuite[];
  errors?: { message?: string }[];
}

/** Playwright's report: a test that passed on its retry (flaky) counts as passed. */
export function playwrightCounts({ stats }: PlaywrightReport): Counts {
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

/** One line per test `playwrightCounts` counts as failed and per error outside any test; and the flaky ones. */
export function playwrightNamed(report: PlaywrightReport, testDir = ""): Named {
  const named: Named = { failed: [], flaky: [] };
  const walk = (suite: PlaywrightSuite, titles: string[]) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests) {
        const into = test.status === "unexpected" ? named.failed : test.status === "flaky" ? named.flaky : null;
        // The last error of a failed test, the first (the one retried) of a flaky one.
        const errors = test.results.filter((r) => r.error);
        const error = (test.status === "flaky" ? errors[0] : errors.at(-1))?.error?.message;
        const where = `${testDir ? `${testDir}/` : ""}${spec.file}:${spec.line}`;
        into?.push(failure(`${where} › ${[...titles, spec.title].join(" › ")}`, error));
      }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  // A file's own suite is titled with its path (from the test folder), which each spec names already.
  for (const fileSuite of report.suites ?? []) walk(fileSuite, []);
  for (const error of report.errors ?? []) named.failed.push(failure("playwright", error.message));
  return named;
}

function relative(file: string, root: string): string {
  return root && file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}
