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
}

export function ArchivePanel({ projectId, archived }: ArchivePanelProps) {
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
          ? "This project is hidden from its annotators and from the project list. Unarchiving brings it back; nothing was deleted."
          : "Archiving hides the project from its annotators and from the project list. Nothing is deleted, and it can be unarchived."}
      </p>
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
