import { describe, expect, it } from "vitest";
import type { RunProgress } from "@/lib/jobs/progress";
import { RUN_POLL_MS, runsRefetchInterval } from "./run-polling";

const counts = (c: Partial<RunProgress["counts"]>): RunProgress["counts"] => ({
  pending: 0,
  running: 0,
  done: 0,
  failed: 0,
  cancelled: 0,
  ...c,
});

describe("how long a page keeps reading its run cards", () => {
  it("keeps reading a cancelled run until its calls in flight have settled", () => {
    // What the card showed after Cancel: the run ended, 7 tasks still out with the model.
    const justCancelled = { status: "CANCELLED" as const, counts: counts({ done: 4, running: 7 }) };
    expect(runsRefetchInterval([justCancelled])).toBe(RUN_POLL_MS);
    expect(runsRefetchInterval([{ status: "CANCELLED", counts: counts({ done: 4, pending: 1 }) }])).toBe(RUN_POLL_MS);
    expect(runsRefetchInterval([{ status: "CANCELLED", counts: counts({ done: 5, cancelled: 6 }) }])).toBe(false);
  });

  it("reads while a run is going or paused, and stops once every run is settled", () => {
    expect(runsRefetchInterval([{ status: "RUNNING", counts: counts({ pending: 3 }) }])).toBe(RUN_POLL_MS);
    expect(runsRefetchInterval([{ status: "PAUSED", counts: counts({ done: 2 }) }])).toBe(RUN_POLL_MS);
    expect(
      runsRefetchInterval([
        { status: "COMPLETED", counts: counts({ done: 11 }) },
        { status: "FAILED", counts: counts({ failed: 3 }) },
      ]),
    ).toBe(false);
    expect(runsRefetchInterval([])).toBe(false);
    expect(runsRefetchInterval(undefined)).toBe(false);
  });
});
