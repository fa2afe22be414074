"use client";

import { useQuery } from "@tanstack/react-query";
import { runsKey } from "@/components/runs/query-keys";
import { runsRefetchInterval } from "@/components/runs/run-polling";
import { RunCard } from "@/components/runs/run-card";
import { apiFetch } from "@/lib/api/client";
import type { RunProgress } from "@/lib/jobs/progress";
import { KeptItemsActions } from "./kept-items-actions";
import { ReviewItems } from "./review-items";
import { RunFunnelView } from "./run-funnel";
import { StartForm, type StartFormProps } from "./start-form";

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
            <ReviewItems projectId={projectId} run={run} />
            <KeptItemsActions projectId={projectId} run={run} projects={projects} />
          </div>
        ))
      )}
    </section>
  );
}
