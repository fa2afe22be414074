"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import type { InstructionRunSummary } from "@/lib/document-runs/funnel";
import type { ExportCounts } from "@/lib/export/options";
import type { SnapshotView } from "@/lib/export/snapshot-files";
import { ExportCommands } from "./export-commands";
import { ExportCountsView } from "./export-counts";
import { ExportOptionsForm } from "./export-options-form";
import { exportQuery, initialExportForm, runExportForm } from "./export-query";
import { exportPreviewKey, exportsKey } from "./query-keys";
import { SnapshotList } from "./snapshot-list";

export interface ExportViewProps {
  projectId: string;
  overlap: number;
  initialSnapshots: SnapshotView[];
  runs: InstructionRunSummary[];
  /** Opened from a document run (?run=): the form starts on that run's items. */
  initialRun?: string;
}

export function ExportView({ projectId, overlap, initialSnapshots, runs, initialRun }: ExportViewProps) {
  const [form, setForm] = useState(() =>
    initialRun && runs.some((r) => r.id === initialRun) ? runExportForm(initialRun) : initialExportForm,
  );
  const query = exportQuery(form);
  const queryClient = useQueryClient();
  const preview = useQuery({
    queryKey: exportPreviewKey(projectId, query),
    queryFn: () =>
      apiFetch<{ counts: ExportCounts; columns: string[] }>(`/api/projects/${projectId}/export/preview?${query}`),
    placeholderData: keepPreviousData,
  });
  const invalid = preview.error instanceof ApiClientError ? preview.error : null;
  const ready = !!preview.data && !preview.isPlaceholderData && !invalid;
  return (
    <div className="space-y-6">
      <section aria-label="Export options" className="grid gap-6 md:grid-cols-[2fr_1fr]">
        <ExportOptionsForm form={form} onChange={setForm} overlap={overlap} runs={runs} />
        <div className="space-y-3">
          {preview.data && preview.data.counts.excluded.incomplete > 0 && (
            <Alert tone="info">
              {preview.data.counts.excluded.incomplete.toLocaleString("en-US")} pair
              {preview.data.counts.excluded.incomplete === 1 ? " has" : "s have"} fewer than {overlap} votes and{" "}
              {preview.data.counts.excluded.incomplete === 1 ? "is" : "are"} left out (complete pairs only).
            </Alert>
          )}
          {overlap > 1 && form.completeOnly === false && !form.run && (
            <Alert tone="info">
              Pairs with fewer than {overlap} votes are included: their label may rest on a single vote.
            </Alert>
          )}
          {invalid ? (
            <Alert tone="error">{invalid.message}</Alert>
          ) : preview.data ? (
            <ExportCountsView counts={preview.data.counts} columns={preview.data.columns} split={form.split} />
          ) : (
            <p className="text-sm text-slate-500">Counting…</p>
          )}
          {/* A plain link: the browser streams the file to disk, whatever its size. */}
          <a
            href={`/api/projects/${projectId}/export?${query}`}
            aria-disabled={!ready}
            onClick={(e) => {
              if (!ready) return e.preventDefault();
              // The new snapshot shows up in the list while it downloads.
              setTimeout(() => void queryClient.invalidateQueries({ queryKey: exportsKey(projectId) }), 1000);
            }}
            className="inline-flex items-center justify-center rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 aria-disabled:cursor-not-allowed aria-disabled:opacity-50"
          >
            Download
          </a>
        </div>
      </section>
      <ExportCommands projectId={projectId} query={query} />
      <SnapshotList projectId={projectId} initialSnapshots={initialSnapshots} />
    </div>
  );
}
