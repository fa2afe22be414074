"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { apiFetch } from "@/lib/api/client";
import { SNAPSHOT_PAGE_MAX } from "@/lib/export/delivery-schemas";
import type { SnapshotView } from "@/lib/export/snapshot-files";
import { exportsKey } from "./query-keys";

export interface SnapshotListProps {
  projectId: string;
  initialSnapshots: SnapshotView[];
}

const n = (value: number) => value.toLocaleString("en-US");
const rows = (count: number) => (count === 1 ? "1 row" : `${n(count)} rows`);
const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${n(Math.ceil(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const tone = { COMPLETE: "neutral", RUNNING: "indigo", FAILED: "amber" } as const;

/** Options worth showing beside the format: filters and split settings that were set. */
function settings(s: SnapshotView): string {
  const o = s.options;
  const keys = [
    "testFraction",
    "testCount",
    "minVotes",
    "minAgreement",
    "sources",
    "from",
    "to",
    "completeOnly",
    "includeFlagged",
    "dedupe",
    "metadata",
    "humanOnly",
  ];
  return keys
    .filter((k) => o[k] !== undefined && o[k] !== false)
    .map((k) => (o[k] === true ? k : `${k}=${String(o[k])}`))
    .join(", ");
}

export function SnapshotList({ projectId, initialSnapshots }: SnapshotListProps) {
  const { data: snapshots } = useQuery({
    queryKey: exportsKey(projectId),
    // The latest ones, as many as one page holds.
    queryFn: async () =>
      (await apiFetch<{ exports: SnapshotView[] }>(`/api/projects/${projectId}/exports?limit=${SNAPSHOT_PAGE_MAX}`))
        .exports,
    initialData: initialSnapshots,
    refetchInterval: (q) => (q.state.data?.some((s) => s.status === "RUNNING") ? 2000 : false),
  });
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState<SnapshotView | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/projects/${projectId}/exports/${id}`, { method: "DELETE" }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: exportsKey(projectId) });
      setDeleting(null);
    },
  });
  return (
    <section aria-labelledby="past-exports">
      <h2 id="past-exports" className="mb-2 text-lg font-semibold">
        Past exports
      </h2>
      {snapshots.length === 0 ? (
        <p className="text-sm text-slate-600">No exports yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {snapshots.map((s) => (
            <li key={s.id} className="space-y-1 px-4 py-3 text-sm" data-testid="snapshot">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{s.fileName}</span>
                <Badge tone={tone[s.status]}>{s.status.toLowerCase()}</Badge>
                <span className="text-slate-600">
                  {new Date(s.createdAt).toLocaleString()} by {s.createdBy.email ?? "a removed user"}
                </span>
              </div>
              <p className="text-slate-600">
                {s.status === "COMPLETE" ? `${rows(s.rowCount)}, ${size(s.byteSize)}` : (s.error ?? "in progress")}
                {"splits" in s.counts && ` · train ${n(s.counts.splits.train)}, test ${n(s.counts.splits.test)}`}
                {settings(s) && ` · ${settings(s)}`}
              </p>
              {s.status !== "RUNNING" && (
                <p className="flex flex-wrap items-center gap-3">
                  {s.status === "COMPLETE" && (
                    <>
                      <a className="text-indigo-700 underline" href={`/api/projects/${projectId}/exports/${s.id}/file`}>
                        Download again
                      </a>
                      <a
                        className="text-indigo-700 underline"
                        href={`/api/projects/${projectId}/exports/${s.id}/card?download=1`}
                      >
                        Dataset card
                      </a>
                      <code className="text-xs break-all text-slate-500" title="sha256 of the file">
                        sha256 {s.checksum}
                      </code>
                    </>
                  )}
                  <Button
                    variant="ghost"
                    className="ml-auto"
                    onClick={() => (remove.reset(), setDeleting(s))}
                    aria-label={`Delete the export ${s.fileName} of ${new Date(s.createdAt).toLocaleString()}`}
                  >
                    Delete
                  </Button>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete this export?"
          confirmLabel={remove.isPending ? "Deleting…" : "Delete export"}
          pending={remove.isPending}
          error={remove.error?.message}
          onConfirm={() => remove.mutate(deleting.id)}
          onClose={() => setDeleting(null)}
        >
          <p>
            <strong className="font-semibold">{deleting.fileName}</strong>
            {deleting.status === "COMPLETE" && ` (${rows(deleting.rowCount)}, ${size(deleting.byteSize)})`} and its
            dataset card are removed from the server, with the record of who made it and with which settings. Copies
            already downloaded are not affected. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
