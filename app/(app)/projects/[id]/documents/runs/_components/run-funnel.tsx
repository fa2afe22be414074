"use client";

import { useQuery } from "@tanstack/react-query";
import { Bars } from "@/components/ui/bar-chart";
import { apiFetch } from "@/lib/api/client";
import type { RunFunnel } from "@/lib/document-runs/funnel";

export interface RunFunnelViewProps {
  projectId: string;
  runId: string;
  live: boolean;
}

/** Where a run's items went: each step's count (chart and numbers) and dropped examples with their reason. */
export function RunFunnelView({ projectId, runId, live }: RunFunnelViewProps) {
  const { data } = useQuery({
    // `live` in the key: when the run ends, the funnel is read once more, else it would keep the
    // counts of its last poll, taken before the run's last items were stored (until it is read,
    // no funnel is shown rather than a stale one).
    queryKey: ["document-run-funnel", projectId, runId, live],
    queryFn: async () =>
      (await apiFetch<{ funnel: RunFunnel }>(`/api/projects/${projectId}/documents/runs/${runId}/funnel`)).funnel,
    refetchInterval: live ? 2000 : false,
  });
  if (!data) return null;
  const steps = [{ key: "chunks", label: "Chunks", count: data.chunks }, ...data.steps];
  return (
    <details className="rounded border border-slate-200 p-3" open>
      <summary className="cursor-pointer text-sm font-medium">Funnel</summary>
      <Bars data={steps.map((s) => ({ name: s.label, value: s.count }))} height={200} />
      <ol className="mt-2 grid grid-cols-2 gap-x-6 text-sm sm:grid-cols-3" aria-label="Funnel steps">
        {steps.map((s) => (
          <li key={s.key} className="flex justify-between gap-2">
            <span>{s.label}</span>
            <span className="tabular-nums">{s.count.toLocaleString()}</span>
          </li>
        ))}
      </ol>
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
                <p className="whitespace-pre-wrap">{e.instruction || e.raw}</p>
                {e.chosen && <p className="whitespace-pre-wrap text-slate-600">{e.chosen}</p>}
                <p className="text-xs text-slate-600">{e.documentTitle}</p>
              </li>
            ))}
          </ul>
        </div>
      )}
    </details>
  );
}
