import { describe, expect, it } from "vitest";
import { playwrightCounts, playwrightNamed, vitestCounts, vitestNamed } from "./run-counts";

describe("npm test's closing counts", () => {
  it("counts a failing test once, and a test file that failed outside its tests as one", () => {
    // What vitest's JSON reporter writes for three files: one test failing inside a describe
    // block (vitest counts that file and the block as two failed suites), a file whose import
    // threw, and a file whose tests passed but whose afterAll hook threw.
    const report = {
      numTotalTestSuites: 4,
      numFailedTestSuites: 4,
      numPassedTests: 2,
      numFailedTests: 1,
      numPendingTests: 0,
      numTodoTests: 1,
      testResults: [
        { status: "failed", assertionResults: [{ status: "failed" }, { status: "passed" }] },
        { status: "failed", assertionResults: [] },
        { status: "failed", assertionResults: [{ status: "passed" }] },
        { status: "passed", assertionResults: [{ status: "todo" }] },
      ],
    };
    expect(vitestCounts(report)).toEqual({ passed: 2, failed: 3, skipped: 1 });
  });

  it("counts a browser test that passed on its retry as passed", () => {
    expect(playwrightCounts({ stats: { expected: 90, unexpected: 1, flaky: 1, skipped: 2 } })).toEqual({
      passed: 91,
      failed: 1,
      skipped: 2,
    });
  });

  it("names each failure it counts (file, test, first line of its error), and each test passed on its retry", () => {
    const report = {
      numPassedTests: 3,
      numFailedTests: 1,
      numPendingTests: 0,
      numTodoTests: 0,
      testResults: [
        {
          name: "/repo/lib/jobs/a.test.ts",
          status: "failed",
          message: "",
          assertionResults: [
            {
              status: "failed",
              fullName: "the queue claims a task once",
              failureMessages: ["\u001b[31mAssertionError: expected 2 to be 1\u001b[39m\n    at a.test.ts:10:5"],
            },
            { status: "passed", fullName: "the queue is empty", failureMessages: [] },
            {
              status: "passed",
              fullName: "the lease runs out",
              failureMessages: ["Error: Test timed out in 20000ms.\nIf this is a long-running test…"],
            },
          ],
        },
        {
          name: "/repo/lib/b.test.ts",
          status: "failed",
          message: "Hook timed out in 60000ms.\nIf this…",
          assertionResults: [],
        },
        { name: "/repo/lib/c.test.ts", status: "passed", message: "", assertionResults: [{ status: "passed" }] },
      ],
    };
    const named = vitestNamed(report, "/repo");
    expect(named).toEqual({
      failed: [
        "lib/jobs/a.test.ts › the queue claims a task once: AssertionError: expected 2 to be 1",
        "lib/b.test.ts: Hook timed out in 60000ms.",
      ],
      flaky: ["lib/jobs/a.test.ts › the lease runs out: Error: Test timed out in 20000ms."],
    });
    expect(named.failed).toHaveLength(vitestCounts(report).failed);
  });

  it("names a failed browser test with its describe blocks, and apart from it one that passed on its retry", () => {
    const spec = (title: string, line: number, status: string, message?: string) => ({
      title,
      file: "sign-in.spec.ts",
      line,
      tests: [{ status, results: [{ error: { message: "Error: first try" } }, message ? { error: { message } } : {}] }],
    });
    const report = {
      stats: { expected: 1, unexpected: 2, flaky: 1, skipped: 0 },
      suites: [
        {
          title: "sign-in.spec.ts",
          specs: [
            spec("a wrong password shows an error", 16, "unexpected", "Error: expect(locator).toBeVisible() failed\n"),
          ],
          suites: [
            {
              title: "signed out",
              specs: [
                spec("the page passes", 83, "unexpected", "Timeout 30000ms exceeded."),
                spec("retried", 90, "flaky"),
              ],
            },
          ],
        },
      ],
      errors: [{ message: "Error: webServer exited early" }],
    };
    const named = playwrightNamed(report, "e2e");
    expect(named).toEqual({
      failed: [
        "e2e/sign-in.spec.ts:16 › a wrong password shows an error: Error: expect(locator).toBeVisible() failed",
        "e2e/sign-in.spec.ts:83 › signed out › the page passes: Timeout 30000ms exceeded.",
        "playwright: Error: webServer exited early",
      ],
      flaky: ["e2e/sign-in.spec.ts:90 › signed out › retried: Error: first try"],
    });
    expect(named.failed).toHaveLength(playwrightCounts(report).failed + report.errors.length);
  });
});
