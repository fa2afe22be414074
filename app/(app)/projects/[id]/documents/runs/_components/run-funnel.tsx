"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { runIsSettling } from "@/components/runs/run-polling";
import { Bars } from "@/components/ui/bar-chart";
import { apiFetch } from "@/lib/api/client";
import type { FailedCount, RunFunnel } from "@/lib/document-runs/funnel";
import type { RunProgress } from "@/lib/jobs/progress";

export interface RunFunnelViewProps {
  projectId: string;
  /** The run as its card shows it: the funnel is read again whenever the card's figures change. */
  run: Pick<RunProgress, "id" | "status" | "counts" | "docItems">;
}

/** What the funnel's counts can have moved with: the run's status, its tasks and its items. */
export function funnelVersion(run: RunFunnelViewProps["run"]): string {
  const { pending, running, done, failed, cancelled } = run.counts;
  const items = run.docItems ? [run.docItems.kept, run.docItems.dropped, run.docItems.pending] : [];
  return [run.status, pending, running, done, failed, cancelled, ...items].join(":");
}

/** Where a run's items went: each step's count (chart and numbers) and dropped examples with their reason. */
export function RunFunnelView({ projectId, run }: RunFunnelViewProps) {
  const { data } = useQuery({
    // The card's figures in the key: a task that settles stores its items in the same
    // transaction, so whenever the card (read every second while the run may change) moves, the
    // funnel is read again. (Keyed on "running" alone, a run that a retry took from Failed to
    // Completed went back to the funnel read before the retry.) While the run goes on, the last
    // funnel stays on screen until the next is read; once the run has settled, none is shown
    // until it is read again, rather than one from before its last items were stored.
    queryKey: ["document-run-funnel", projectId, run.id, funnelVersion(run)],
    queryFn: async () =>
      (await apiFetch<{ funnel: RunFunnel }>(`/api/projects/${projectId}/documents/runs/${run.id}/funnel`)).funnel,
    placeholderData: (previous) => (runIsSettling(run) ? keepPreviousData(previous) : undefined),
  });
  if (!data) return null;
  const steps = [{ key: "chunks", label: "Chunks", count: data.chunks }, ...data.steps];
  return (
    <details className="rounded border border-slate-200 p-3" open>
      <summary className="cursor-pointer text-sm font-medium">Funnel</summary>
      <Bars data={steps.map((s) => ({ name: s.label, value: s.count }))} height={28 * steps.length + 40} horizontal />
      <ol className="mt-2 grid grid-cols-2 gap-x-6 text-sm sm:grid-cols-3" aria-label="Funnel steps">
        {steps.map((s) => (
          <li key={s.key} className="flex justify-between gap-2">
            <span>{s.label}</span>
            <span className="tabular-nums">{s.count.toLocaleString()}</span>
          </li>
        ))}
      </ol>
      {data.chunksFailed.count > 0 && (
        <FailedNote
          failed={data.chunksFailed}
          what={data.chunksFailed.count === 1 ? "chunk" : "chunks"}
          step="Items generated"
        />
      )}
      {steps.map(
        (s) =>
          "failed" in s &&
          s.failed && (
            <FailedNote key={s.key} failed={s.failed} what={s.failed.count === 1 ? "item" : "items"} step={s.label} />
          ),
      )}
      {data.pending > 0 && (
        <p className="mt-1 text-sm text-slate-600">{data.pending} waiting for their rejected answer.</p>
      )}
      {data.examples.length > 0 && (
        <div className="mt-3">
          <h3 className="text-sm font-medium">Dropped items</h3>
          <ul className="mt-1 space-y-2 text-sm">
            {data.examples.map((e, i) => (
              <li key={i} className="rounded bg-slate-50 p-2">
                <p className="font-medium text-slate-800">{e.reason}</p>
                <p dir="auto" className="whitespace-pre-wrap">
                  {e.instruction || e.raw}
                </p>
                {e.chosen && (
                  <p dir="auto" className="whitespace-pre-wrap text-slate-600">
                    {e.chosen}
                  </p>
                )}
                <p className="text-xs text-slate-600">{e.documentTitle}</p>
              </li>
            ))}
          </ul>
        </div>
      )}
    </details>
  );
}

/** Tasks of a step that failed: how many, at which step, and why (each cause with its count). */
function FailedNote({ failed, what, step }: { failed: FailedCount; what: string; step: string }) {
  return (
    <div className="mt-1 text-sm text-red-700" data-testid="funnel-failed">
      <p className="font-medium">
        {failed.count.toLocaleString()} {what} failed at “{step}” (not counted in it):
      </p>
      <ul className="ml-4 list-disc">
        {failed.causes.map((c) => (
          <li key={c.message}>
            {c.message} ({c.count.toLocaleString()})
          </li>
        ))}
      </ul>
    </div>
  );
}
