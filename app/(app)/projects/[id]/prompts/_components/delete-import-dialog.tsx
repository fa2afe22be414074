"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { apiFetch } from "@/lib/api/client";
import { describeWork, hasWork } from "@/lib/prompts/import-impact";
import type { ImportBatchView, ImportImpact } from "@/lib/prompts/types";
import { importsKey, promptsKey } from "./query-keys";

export interface DeleteImportDialogProps {
  projectId: string;
  batch: ImportBatchView;
  onClose: () => void;
}

const n = (value: number) => value.toLocaleString("en-US");

/** Asks before deleting an import, saying what goes with it (the counts come from the server). */
export function DeleteImportDialog({ projectId, batch, onClose }: DeleteImportDialogProps) {
  const queryClient = useQueryClient();
  const url = `/api/projects/${projectId}/imports/${batch.id}`;
  const impact = useQuery({
    queryKey: [...importsKey(projectId), batch.id, "impact"],
    queryFn: async () => (await apiFetch<{ impact: ImportImpact }>(url)).impact,
    staleTime: 0,
  });
  const remove = useMutation({
    // withWork only when the admin was shown work to lose: if some appears meanwhile, the
    // server refuses (409) rather than deleting what nobody confirmed.
    mutationFn: (withWork: boolean) => apiFetch(`${url}${withWork ? "?withWork=1" : ""}`, { method: "DELETE" }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: importsKey(projectId) }),
        queryClient.invalidateQueries({ queryKey: promptsKey(projectId) }),
      ]);
      onClose();
    },
  });
  const name = batch.fileName ?? `pasted ${batch.format}`;
  const data = impact.data;
  const work = data ? describeWork(data) : "";

  return (
    <Dialog title="Delete this import?" onClose={onClose}>
      <div className="space-y-3 text-sm">
        {impact.isPending && <p className="text-slate-600">Counting what it holds…</p>}
        {impact.error && <Alert tone="error">{impact.error.message}</Alert>}
        {data && (
          <>
            <p>
              Deleting <strong className="font-semibold">{name}</strong> removes its {n(data.prompts)}{" "}
              {data.prompts === 1 ? "prompt" : "prompts"}
              {data.pairs > 0 && (
                <>
                  {" "}
                  and {n(data.pairs)} {data.pairs === 1 ? "pair" : "pairs"}
                </>
              )}
              .
            </p>
            {work && (
              <Alert tone="error">
                Work done on them is deleted too: <strong className="font-semibold">{work}</strong>. This cannot be
                undone.
              </Alert>
            )}
          </>
        )}
        {remove.error && <Alert tone="error">{remove.error.message}</Alert>}
        <div className="flex justify-end gap-2 pt-1">
          <Button variant="secondary" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={!data || remove.isPending}
            onClick={() => data && remove.mutate(hasWork(data))}
          >
            {remove.isPending ? "Deleting…" : work ? "Delete import and its work" : "Delete import"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
