import { describe, expect, it } from "vitest";
import { playwrightCounts, vitestCounts } from "./run-counts";

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
});
