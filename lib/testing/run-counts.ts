// The closing line of `npm test` (scripts/test.ts): passed, failed and skipped, read from the
// runners' JSON reports.

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { status: string; assertionResults: { status: string }[] }[];
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

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}

/** Playwright's report: a test that passed on its retry (flaky) counts as passed. */
export function playwrightCounts({ stats }: PlaywrightReport): Counts {
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}
