import { runOutcome } from "@/lib/jobs/outcome";
import type { RunProgress } from "@/lib/jobs/progress";

/** A finished run's progress as the runs API sends it, for component tests. */
export const testRun = (over: Partial<RunProgress> = {}): RunProgress => {
  const run = withoutOutcome(over);
  return { ...run, outcome: runOutcome(run) };
};

const withoutOutcome = (over: Partial<RunProgress>): Omit<RunProgress, "outcome"> => ({
  id: "run-1",
  kind: "GENERATION",
  status: "COMPLETED",
  createdAt: "2026-12-01T10:00:00.000Z",
  finishedAt: "2026-12-01T10:05:00.000Z",
  total: 4,
  counts: { pending: 0, running: 0, done: 4, failed: 0, cancelled: 0 },
  retried: 0,
  tokens: { input: 0, output: 0 },
  costUsd: 0,
  throughput: 0,
  etaSeconds: null,
  durationSeconds: 300,
  pairsFormed: null,
  errors: [],
  verdicts: null,
  docItems: null,
  setup: { endpoints: [], generationMode: null, document: null },
  workers: null,
  pausedByArchive: false,
  ...over,
});
