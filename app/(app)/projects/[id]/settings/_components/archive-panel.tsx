"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import { projectKey } from "../../../_components/query-keys";

export interface ArchivePanelProps {
  projectId: string;
  archived: boolean;
  /** Runs under way, which archiving pauses. */
  runningRuns: number;
  /** Runs the archiving paused that nobody has resumed since. */
  archivePausedRuns: number;
}

export function ArchivePanel({ projectId, archived, runningRuns, archivePausedRuns }: ArchivePanelProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: () => apiFetch(`/api/projects/${projectId}`, { method: "PATCH", json: { archived: !archived } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: projectKey(projectId) });
      router.refresh();
    },
  });
  return (
    <section aria-labelledby="archive-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="archive-heading" className="text-lg font-semibold">
        {archived ? "Archived" : "Archive"}
      </h2>
      <p className="mt-1 mb-3 text-sm text-slate-600">
        {archived
          ? "This project is hidden from its annotators and from the project list, and takes no new work: no runs, imports or uploads. Unarchiving brings it back; nothing was deleted. Runs paused by archiving stay paused until you resume them."
          : "Archiving hides the project from its annotators and from the project list, and stops new work in it: runs, imports and uploads. Nothing is deleted, and it can be unarchived."}
      </p>
      {!archived && runningRuns > 0 && (
        <p className="mb-3 text-sm text-slate-600">
          {runningRuns === 1
            ? "Its run under way is paused when you archive it; once the project is unarchived, resume the run where it was started (Generation, Judging or Document runs)."
            : `Its ${runningRuns} runs under way are paused when you archive it; once the project is unarchived, resume them where they were started (Generation, Judging or Document runs).`}
        </p>
      )}
      {archivePausedRuns > 0 && (
        <p className="mb-3 text-sm text-slate-600" data-testid="archive-paused-runs">
          {archivePausedSentence(archivePausedRuns, archived)}
        </p>
      )}
      <Button variant={archived ? "secondary" : "danger"} disabled={toggle.isPending} onClick={() => toggle.mutate()}>
        {archived ? "Unarchive project" : "Archive project"}
      </Button>
      {toggle.error && (
        <div className="mt-3">
          <Alert tone="error">{toggle.error instanceof ApiClientError ? toggle.error.message : "Request failed"}</Alert>
        </div>
      )}
    </section>
  );
}

/** What the panel says of the runs the archiving paused, while archived and after. */
export function archivePausedSentence(n: number, archived: boolean): string {
  const one = n === 1;
  const lead = `${one ? "1 run was" : `${n} runs were`} paused when the project was archived`;
  const resume = `resume ${one ? "it where it was" : "them where they were"} started (Generation, Judging or Document runs)`;
  return archived
    ? `${lead}: ${resume}, once the project is unarchived.`
    : `${lead} and ${one ? "is" : "are"} still paused: ${resume}.`;
}
