import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { RunProgress } from "@/lib/jobs/progress";
import { RunCard } from "./run-card";
import { testRun } from "./test-run";

const html = (over: Partial<RunProgress>) =>
  renderToStaticMarkup(
    <QueryClientProvider client={new QueryClient()}>
      <RunCard projectId="p1" run={testRun(over)} />
    </QueryClientProvider>,
  );
/** The card's setup as "label: value" pairs. */
const setup = (out: string) =>
  [...out.matchAll(/<dt[^>]*>([^<]*)<\/dt><dd[^>]*>([^<]*)<\/dd>/g)]
    .map(([, k, v]) => `${k}: ${v}`)
    .filter((line) => !/^(Done|Failed|Pending|Cancelled|Tokens|Cost|Throughput|Took|ETA|Retried)/.test(line));

describe("RunCard", () => {
  it("shows how far a cancelled run got, its cancelled tasks apart", () => {
    const out = html({
      status: "CANCELLED",
      total: 600,
      counts: { pending: 0, running: 0, done: 170, failed: 9, cancelled: 421 },
    });
    expect(out).toContain("29%</span> · 179 of 600 tasks finished · 421 cancelled");
  });

  it("tells two generation runs apart by their mode and endpoints", () => {
    const strongWeak = html({
      setup: {
        generationMode: "STRONG_WEAK",
        endpoints: [
          { id: "e1", name: "gpt-big", role: "STRONG" },
          { id: "e2", name: "tiny-llama", role: "WEAK" },
        ],
        document: null,
      },
    });
    expect(setup(strongWeak)).toEqual(["Mode: Strong vs weak", "Strong: gpt-big", "Weak: tiny-llama"]);
    const samples = html({
      setup: {
        generationMode: "MULTI_SAMPLE",
        endpoints: [
          { id: "e3", name: "a", role: "SAMPLER" },
          { id: "e4", name: null, role: "SAMPLER" },
        ],
        document: null,
      },
    });
    expect(setup(samples)).toEqual(["Mode: Several samples", "Sampler: a, a deleted endpoint"]);
  });

  it("shows a judging run's judges, and a document run's mode, endpoints and settings", () => {
    const judging = html({
      kind: "JUDGING",
      setup: { generationMode: null, endpoints: [{ id: "j", name: "judge-1", role: "JUDGE" }], document: null },
    });
    expect(setup(judging)).toEqual(["Judge: judge-1"]);
    const documents = html({
      kind: "DOC_PREFERENCES",
      docItems: { kept: 1, dropped: 0, pending: 0 },
      setup: {
        generationMode: null,
        endpoints: [
          { id: "g", name: "writer", role: "STRONG" },
          { id: "w", name: "weakling", role: "WEAK" },
        ],
        document: { itemsPerChunk: 5, checks: ["extracts that end with . ! or ?"] },
      },
    });
    expect(setup(documents)).toEqual([
      "Mode: Preference triples",
      "Generator: writer",
      "Rejected answers: weakling",
      "Items per chunk: 5",
    ]);
    expect(documents).toContain("Checks (1)");
    expect(documents).toContain("<li>extracts that end with . ! or ?</li>");
  });

  it("says a run that finished with failed tasks completed with failures, how many, next to Retry failed", () => {
    const out = html({
      status: "COMPLETED",
      total: 37,
      counts: { pending: 0, running: 0, done: 12, failed: 25, cancelled: 0 },
    });
    expect(out).toMatch(/data-testid="run-status"[^>]*>Completed with failures</);
    expect(out).toContain("25 of 37 tasks failed: their work is missing from the run&#x27;s results");
    expect(out.match(/>Retry failed</g)).toHaveLength(1);
    const clean = html({
      status: "COMPLETED",
      total: 37,
      counts: { pending: 0, running: 0, done: 37, failed: 0, cancelled: 0 },
    });
    expect(clean).toMatch(/data-testid="run-status"[^>]*>Completed</);
    expect(clean).not.toContain("run-failed-note");
    expect(clean).not.toContain("Retry failed");
  });

  it("says when no worker is there to take a running run's tasks, and only then", () => {
    const waiting = { status: "RUNNING" as const, finishedAt: null, durationSeconds: null };
    const counts = { pending: 30, running: 0, done: 10, failed: 0, cancelled: 0 };
    const none = { answering: 0, silent: 0, silentAfterSeconds: 30 };
    expect(html({ ...waiting, counts, total: 40, workers: none })).toContain("No worker is running");
    const one = { ...none, answering: 1 };
    expect(html({ ...waiting, counts, total: 40, workers: one })).not.toContain("run-no-worker");
    // Answering beside a silent one: the run goes on.
    expect(html({ ...waiting, counts, total: 40, workers: { ...one, silent: 1 } })).not.toContain("run-no-worker");
    expect(html({ status: "PAUSED", counts, total: 40, workers: null })).not.toContain("run-no-worker");
    const done = { pending: 0, running: 0, done: 40, failed: 0, cancelled: 0 };
    expect(html({ ...waiting, counts: done, total: 40, workers: none })).not.toContain("run-no-worker");
  });

  it("says when a paused run was paused by the project's archiving", () => {
    const counts = { pending: 30, running: 0, done: 10, failed: 0, cancelled: 0 };
    const paused = { status: "PAUSED" as const, finishedAt: null, durationSeconds: null, counts, total: 40 };
    expect(html({ ...paused, pausedByArchive: true })).toContain("Paused when the project was archived");
    expect(html({ ...paused, pausedByArchive: false })).not.toContain("run-paused-by-archive");
  });

  it("says when the connected workers have stopped answering, tasks they held included", () => {
    const waiting = { status: "RUNNING" as const, finishedAt: null, durationSeconds: null, total: 40 };
    // A suspended worker's claimed tasks stay running until a live worker takes them back.
    const held = { pending: 0, running: 8, done: 32, failed: 0, cancelled: 0 };
    const silent = { answering: 0, silent: 1, silentAfterSeconds: 30 };
    const one = html({ ...waiting, counts: held, workers: silent });
    expect(one).toContain("A worker is connected but has not answered for over 30 s");
    expect(one).not.toContain("No worker is running");
    expect(html({ ...waiting, counts: held, workers: { ...silent, silent: 2 } })).toContain(
      "2 workers are connected but have not answered",
    );
  });
});
