"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import type { RunProgress } from "@/lib/jobs/progress";
import { runsKey } from "@/components/runs/query-keys";
import { runsRefetchInterval } from "@/components/runs/run-polling";
import { RunCard } from "@/components/runs/run-card";
import { VerdictCounts } from "./verdict-counts";

export interface JudgingPanelProps {
  projectId: string;
  initialRuns: RunProgress[];
  /** A judge is set up; the server says why not when it is not. */
  canStart: boolean;
}

// Under the runs key, so the run card's actions (which refresh that key) refresh this list too.
const judgingRunsKey = (projectId: string) => [...runsKey(projectId), "JUDGING"] as const;

export function JudgingPanel({ projectId, initialRuns, canStart }: JudgingPanelProps) {
  const queryClient = useQueryClient();
  const { data: runs } = useQuery({
    queryKey: judgingRunsKey(projectId),
    queryFn: async () => (await apiFetch<{ runs: RunProgress[] }>(`/api/projects/${projectId}/runs?kind=JUDGING`)).runs,
    initialData: initialRuns,
    refetchInterval: (q) => runsRefetchInterval(q.state.data),
  });
  const start = useMutation({
    mutationFn: (rejudgeFailed: boolean) =>
      apiFetch(`/api/projects/${projectId}/judging/runs`, { method: "POST", json: { rejudgeFailed } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: judgingRunsKey(projectId) }),
  });
  const latest = runs[0];
  const active = runs.some((r) => r.status === "RUNNING" || r.status === "PAUSED");

  return (
    <section className="space-y-4" aria-label="Judging">
      <div className="flex items-center gap-4">
        <Button onClick={() => start.mutate(false)} disabled={!canStart || active || start.isPending}>
          {start.isPending ? "Starting…" : "Start judging"}
        </Button>
        {!!latest?.verdicts?.failed && (
          <Button
            variant="secondary"
            onClick={() => start.mutate(true)}
            disabled={!canStart || active || start.isPending}
          >
            Re-judge failed pairs
          </Button>
        )}
        <p className="text-sm text-slate-600">
          Judges every pair each judge has not judged yet, in both orders. Safe to run again.
        </p>
      </div>
      {start.error && (
        <Alert tone="error">{start.error instanceof ApiClientError ? start.error.message : "Could not start"}</Alert>
      )}
      {!latest ? (
        <p className="text-sm text-slate-600">No judging runs yet.</p>
      ) : (
        <div>
          <RunCard projectId={projectId} run={latest} />
          {latest.verdicts && <VerdictCounts verdicts={latest.verdicts} />}
        </div>
      )}
    </section>
  );
}
