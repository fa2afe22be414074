"use client";

import { useQuery } from "@tanstack/react-query";
import { Link } from "@/components/ui/link";
import { runsKey } from "@/components/runs/query-keys";
import { runsRefetchInterval } from "@/components/runs/run-polling";
import { RunCard } from "@/components/runs/run-card";
import { apiFetch } from "@/lib/api/client";
import type { RunProgress } from "@/lib/jobs/progress";
import { RunFunnelView } from "./run-funnel";
import { StartForm, type StartFormProps } from "./start-form";
import { UsePrompts } from "./use-prompts";

export interface DocumentRunsPanelProps {
  projectId: string;
  endpoints: StartFormProps["endpoints"];
  defaults: StartFormProps["defaults"];
  initialRuns: RunProgress[];
  /** Other projects the kept instructions can go to. */
  projects: { id: string; name: string }[];
}

export function DocumentRunsPanel({ projectId, endpoints, defaults, initialRuns, projects }: DocumentRunsPanelProps) {
  const { data: runs } = useQuery({
    queryKey: runsKey(projectId),
    queryFn: async () =>
      (await apiFetch<{ runs: RunProgress[] }>(`/api/projects/${projectId}/runs?kind=DOCUMENTS`)).runs,
    initialData: initialRuns,
    refetchInterval: (q) => runsRefetchInterval(q.state.data),
  });
  const active = runs.some((r) => r.status === "RUNNING" || r.status === "PAUSED");
  return (
    <section className="max-w-4xl space-y-6" aria-label="Document runs">
      <h1 className="text-xl font-semibold">Document runs</h1>
      <p className="text-sm text-slate-600">
        Turns the project&apos;s documents, cut into chunks, into training data: instructions with answers in the
        author&apos;s style (exported as SFT), or preference triples whose chosen answer is an extract copied from the
        text and whose rejected answer comes from a model asked without it (they become this project&apos;s pairs).
      </p>
      <StartForm projectId={projectId} endpoints={endpoints} defaults={defaults} disabled={active} />
      {runs.length === 0 ? (
        <p className="text-sm text-slate-600">No document runs yet.</p>
      ) : (
        runs.map((run) => (
          <div key={run.id} className="space-y-3">
            <RunCard projectId={projectId} run={run} />
            <RunFunnelView projectId={projectId} run={run} />
            {run.kind === "DOC_INSTRUCTIONS" && run.status === "COMPLETED" && (
              <>
                {/* The Export page, set to this run's items: a snapshot with its card, JSONL or Parquet, split as asked. */}
                <Link
                  href={`/projects/${projectId}/export?run=${encodeURIComponent(run.id)}`}
                  className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                >
                  Export as SFT data
                </Link>
                <UsePrompts projectId={projectId} runId={run.id} projects={projects} />
              </>
            )}
          </div>
        ))
      )}
    </section>
  );
}
