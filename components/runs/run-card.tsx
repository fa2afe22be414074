"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@/components/ui/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import { cn } from "@/lib/cn";
import { runOutcome } from "@/lib/jobs/outcome";
import type { RunProgress } from "@/lib/jobs/progress";
import type { RunAction } from "@/lib/jobs/schemas";
import { FailedTasks } from "./failed-tasks";
import { runsKey } from "./query-keys";
import { RunErrors } from "./run-errors";
import { RunSetupView } from "./run-setup";
import { RunStats } from "./run-stats";

export interface RunCardProps {
  projectId: string;
  run: RunProgress;
}

const statusLabel: Record<RunProgress["status"], string> = {
  RUNNING: "Running",
  PAUSED: "Paused",
  CANCELLED: "Cancelled",
  COMPLETED: "Completed",
  FAILED: "Failed",
};

/** The Pairs list narrowed to generated pairs of the run's days (UTC, as the list's date filter). */
function pairsOfRun(projectId: string, run: RunProgress): string {
  const day = (iso: string) => iso.slice(0, 10);
  const q = new URLSearchParams({
    source: "GENERATED",
    from: day(run.createdAt),
    to: day(run.finishedAt ?? run.createdAt),
  });
  return `/projects/${projectId}/pairs?${q}`;
}

export function RunCard({ projectId, run }: RunCardProps) {
  const queryClient = useQueryClient();
  const [showFailed, setShowFailed] = useState(false);
  const act = useMutation({
    mutationFn: (action: RunAction) =>
      apiFetch(`/api/projects/${projectId}/runs/${run.id}`, { method: "PATCH", json: { action } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: runsKey(projectId) }),
  });
  // Cancelled tasks are not work done: a run cancelled midway shows how far it got.
  const finished = run.counts.done + run.counts.failed;
  const percent = run.total ? Math.floor((finished / run.total) * 100) : 100;
  const progressLabel =
    `${finished} of ${run.total} tasks finished` +
    (run.counts.cancelled ? ` · ${run.counts.cancelled.toLocaleString()} cancelled` : "");

  // Finished, but not all of it: said as loudly as a failed run, next to the way to finish it.
  const withFailures = runOutcome(run) === "completed_with_failures";
  const retryButton = (
    <Button variant="secondary" onClick={() => act.mutate("retry_failed")}>
      Retry failed
    </Button>
  );

  return (
    <article
      className="rounded-lg border border-slate-200 bg-white p-4"
      aria-label={`Run started ${new Date(run.createdAt).toLocaleString()}`}
    >
      <header className="mb-3 flex flex-wrap items-center gap-3">
        <h3 className="font-medium">Run of {new Date(run.createdAt).toLocaleString()}</h3>
        <span
          className={cn(
            "rounded px-2 py-0.5 text-xs font-medium",
            run.status === "FAILED" || withFailures ? "bg-red-100 text-red-800" : "bg-slate-100",
          )}
          data-testid="run-status"
        >
          {withFailures ? "Completed with failures" : statusLabel[run.status]}
        </span>
        <div className="ml-auto flex gap-2">
          {run.status === "RUNNING" && (
            <Button variant="secondary" onClick={() => act.mutate("pause")}>
              Pause
            </Button>
          )}
          {run.status === "PAUSED" && (
            <Button variant="secondary" onClick={() => act.mutate("resume")}>
              Resume
            </Button>
          )}
          {(run.status === "RUNNING" || run.status === "PAUSED") && (
            <Button variant="danger" onClick={() => act.mutate("cancel")}>
              Cancel
            </Button>
          )}
          {run.counts.failed > 0 && run.status !== "CANCELLED" && !withFailures && retryButton}
        </div>
      </header>
      {withFailures && (
        <div
          className="mb-3 flex flex-wrap items-center gap-3 rounded border border-red-200 bg-red-50 px-3 py-2"
          role="status"
        >
          <p className="text-sm font-medium text-red-800" data-testid="run-failed-note">
            {run.counts.failed.toLocaleString()} of {run.total.toLocaleString()} tasks failed: their work is missing
            from the run&apos;s results
          </p>
          {retryButton}
        </div>
      )}
      <NoWorkerNotice run={run} />
      {run.pausedByArchive && (
        <p className="mb-3 text-sm text-slate-700" data-testid="run-paused-by-archive">
          Paused when the project was archived. Resume it once the project is unarchived (Settings, Archive panel) to go
          on where it stopped.
        </p>
      )}
      <RunSetupView run={run} />
      <ProgressBar value={percent} label={progressLabel} />
      <RunStats run={run} />
      {run.pairsFormed !== null && run.durationSeconds !== null && (
        <p className="mt-2 text-sm text-slate-700" data-testid="run-pairs">
          {run.pairsFormed === 1 ? "1 pair formed" : `${run.pairsFormed.toLocaleString()} pairs formed`}
          {run.pairsFormed > 0 && (
            <>
              {" · "}
              <Link href={pairsOfRun(projectId, run)} className="text-indigo-700 underline">
                See the pairs
              </Link>
            </>
          )}
        </p>
      )}
      {act.error && (
        <Alert tone="error">{act.error instanceof ApiClientError ? act.error.message : "Request failed"}</Alert>
      )}
      {run.errors.length > 0 && (
        <div className="mt-3">
          <h4 className="text-sm font-medium text-red-700">Errors by cause</h4>
          <RunErrors projectId={projectId} errors={run.errors} />
          <Button variant="ghost" className="mt-2" onClick={() => setShowFailed((v) => !v)}>
            {showFailed ? "Hide failed tasks" : "Show failed tasks"}
          </Button>
          {showFailed && <FailedTasks projectId={projectId} runId={run.id} />}
        </div>
      )}
    </article>
  );
}

/**
 * A running run whose tasks wait with no worker answering: none is running, or those connected
 * have gone silent (a process suspended or stuck keeps its connection open).
 */
function NoWorkerNotice({ run }: { run: RunProgress }) {
  const workers = run.workers;
  if (run.status !== "RUNNING" || !workers || workers.answering > 0) return null;
  if (run.counts.pending + run.counts.running === 0) return null;
  const start = (
    <>
      <code>npm run worker</code>, or <code>npm start</code> without <code>PAIRWISE_WORKER=0</code>
    </>
  );
  return (
    <div className="mb-3" data-testid="run-no-worker">
      <Alert tone="error">
        {workers.silent > 0 ? (
          <>
            {workers.silent === 1 ? "A worker is" : `${workers.silent} workers are`} connected but{" "}
            {workers.silent === 1 ? "has" : "have"} not answered for over {workers.silentAfterSeconds} s (suspended, or
            stuck), so this run&apos;s tasks wait. Bring {workers.silent === 1 ? "it" : "them"} back (<code>fg</code> in
            a terminal where one was suspended), or stop {workers.silent === 1 ? "it" : "them"} and start another:{" "}
            {start}.
          </>
        ) : (
          <>No worker is running, so this run&apos;s tasks wait; it goes on once one starts: {start}.</>
        )}
      </Alert>
    </div>
  );
}
