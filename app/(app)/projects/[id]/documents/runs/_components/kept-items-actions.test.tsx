import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { RunProgress } from "@/lib/jobs/progress";
import { testRun } from "@/components/runs/test-run";
import { KeptItemsActions } from "./kept-items-actions";

const run = (over: Partial<RunProgress>) =>
  testRun({ kind: "DOC_INSTRUCTIONS", docItems: { kept: 7, dropped: 2, pending: 0 }, ...over });

const html = (over: Partial<RunProgress>) =>
  renderToStaticMarkup(
    <QueryClientProvider client={new QueryClient()}>
      <KeptItemsActions projectId="p1" run={run(over)} projects={[]} />
    </QueryClientProvider>,
  );
const offers = (out: string) => out.includes("Export as SFT data") && out.includes("Use as prompts");

describe("KeptItemsActions", () => {
  it("offers a cancelled instruction run's kept items as a completed run's", () => {
    expect(offers(html({}))).toBe(true);
    const cancelled = html({
      status: "CANCELLED",
      counts: { pending: 0, running: 0, done: 2, failed: 0, cancelled: 2 },
    });
    expect(offers(cancelled)).toBe(true);
    expect(cancelled).toContain('href="/projects/p1/export?run=run-1"');
  });

  it("offers nothing while the run goes on, when it kept nothing, or for a preference run", () => {
    expect(html({ status: "RUNNING", finishedAt: null })).toBe("");
    expect(html({ status: "PAUSED", finishedAt: null })).toBe("");
    expect(html({ status: "CANCELLED", docItems: { kept: 0, dropped: 3, pending: 0 } })).toBe("");
    expect(html({ docItems: { kept: 0, dropped: 3, pending: 0 } })).toBe("");
    expect(html({ kind: "DOC_PREFERENCES" })).toBe("");
  });
});
