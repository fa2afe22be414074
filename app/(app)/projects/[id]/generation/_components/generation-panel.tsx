"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import type { RunProgress } from "@/lib/jobs/progress";
import { runsKey } from "@/components/runs/query-keys";
import { runsRefetchInterval } from "@/components/runs/run-polling";
import { RunCard } from "@/components/runs/run-card";

export interface GenerationPanelProps {
  projectId: string;
  initialRuns: RunProgress[];
}

export function GenerationPanel({ projectId, initialRuns }: GenerationPanelProps) {
  const queryClient = useQueryClient();
  const { data: runs } = useQuery({
    queryKey: runsKey(projectId),
    queryFn: async () =>
      (await apiFetch<{ runs: RunProgress[] }>(`/api/projects/${projectId}/runs?kind=GENERATION`)).runs,
    initialData: initialRuns,
    refetchInterval: (q) => runsRefetchInterval(q.state.data),
  });
  const start = useMutation({
    mutationFn: () => apiFetch(`/api/projects/${projectId}/runs`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: runsKey(projectId) }),
  });
  const active = runs.some((r) => r.status === "RUNNING" || r.status === "PAUSED");

  return (
    <section className="space-y-6" aria-label="Generation">
      <div className="flex items-center gap-4">
        <Button onClick={() => start.mutate()} disabled={active || start.isPending}>
          {start.isPending ? "Starting…" : "Generate"}
        </Button>
        <p className="text-sm text-slate-600">
          Asks the project&apos;s endpoints for every candidate that does not exist yet. Safe to run again.
        </p>
      </div>
      {start.error && (
        <Alert tone="error">{start.error instanceof ApiClientError ? start.error.message : "Could not start"}</Alert>
      )}
      {runs.length === 0 ? (
        <p className="text-sm text-slate-600">No generation runs yet.</p>
      ) : (
        runs.map((run) => <RunCard key={run.id} projectId={projectId} run={run} />)
      )}
    </section>
  );
}
