"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import { formatBytes } from "@/lib/api/upload-limit";
import { PREVIEW_MAX_BYTES } from "@/lib/prompts/preview-budget";
import type { ImportPreviewView, ImportResult } from "@/lib/prompts/types";
import type { ImportSource } from "./import-source";
import { ImportResultView } from "./import-result";
import { initialMapping, mappingToSend, missingColumn, pairStyleLabels } from "./mapping";
import { MappingFields, type ImportKind } from "./mapping-fields";
import { importQuery, postFile } from "./post-file";
import { PreviewTable } from "./preview-table";
import { importsKey, promptsKey } from "./query-keys";

export interface ImportFormProps {
  projectId: string;
  source: ImportSource;
  preview: ImportPreviewView;
  /** The format the admin forced, if any. */
  format?: string;
  canImportPairs: boolean;
}

/** Mapping, import and result for one chosen file; remounted for each new file or format. */
export function ImportForm({ projectId, source, preview, format, canImportPairs }: ImportFormProps) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>(canImportPairs && preview.pairStyle ? "pairs" : "prompts");
  const [mapping, setMapping] = useState(() => initialMapping(preview, kind));
  const [sent, setSent] = useState<{ sent: number; total: number } | null>(null);
  const [gold, setGold] = useState(false);
  const promptOptional = kind === "pairs" && preview.pairStyle === "implicit-prompt";
  const missing = missingColumn(kind, mapping, promptOptional);

  const run = useMutation({
    mutationFn: async (): Promise<ImportResult> => {
      const url = `/api/projects/${projectId}/imports/${kind}`;
      const sentMapping = mappingToSend(kind, mapping, preview);
      const asGold = kind === "pairs" && gold;
      if (source.kind === "text")
        return apiFetch(url, {
          method: "POST",
          json: { text: source.text, format, mapping: sentMapping, ...(asGold ? { gold: true } : {}) },
        });
      const query = importQuery({
        format,
        fileName: source.file.name,
        mapping: JSON.stringify(sentMapping),
        gold: asGold ? "true" : undefined,
      });
      return postFile<ImportResult>(url + query, source.file, (s, total) => setSent({ sent: s, total }));
    },
    onSettled: () => {
      setSent(null);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: promptsKey(projectId) }),
        queryClient.invalidateQueries({ queryKey: importsKey(projectId) }),
      ]);
    },
  });

  function chooseKind(next: ImportKind) {
    setKind(next);
    setMapping(initialMapping(preview, next));
  }

  return (
    <div className="space-y-4">
      {canImportPairs && (
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="mb-1 font-medium text-slate-700">The file holds</legend>
          {(["prompts", "pairs"] as const).map((k) => (
            <label key={k} className="flex items-center gap-1.5">
              <input
                type="radio"
                name="import-kind"
                className="accent-indigo-600"
                checked={kind === k}
                onChange={() => chooseKind(k)}
              />
              {k === "prompts" ? "Prompts" : "Pairs (prompt, chosen, rejected)"}
            </label>
          ))}
        </fieldset>
      )}
      {kind === "pairs" && preview.pairStyle && (
        <p className="text-sm text-slate-600">Layout found: {pairStyleLabels[preview.pairStyle]}.</p>
      )}
      <PreviewTable preview={preview} />
      {preview.rows.length === 0 && preview.truncated && (
        <Alert tone="info">
          The first record is longer than the {formatBytes(PREVIEW_MAX_BYTES)} the preview reads, so it cannot be shown.
        </Alert>
      )}
      {preview.errors.length > 0 && (
        <Alert tone="info">
          Some of the first records cannot be read: {preview.errors.map((e) => e.message).join("; ")}
        </Alert>
      )}
      <MappingFields
        kind={kind}
        columns={preview.columns}
        value={mapping}
        onChange={setMapping}
        promptOptional={promptOptional}
      />
      {kind === "pairs" && (
        <div className="space-y-1 text-sm">
          <label className="flex items-center gap-1.5">
            <input
              type="checkbox"
              className="accent-indigo-600"
              checked={gold}
              onChange={(e) => setGold(e.currentTarget.checked)}
            />
            Import as gold pairs
          </label>
          <p className="text-slate-600" data-testid="import-gold-note">
            {gold
              ? "These pairs will be gold: the chosen column is each one's known answer. They are served to annotators among the other pairs to measure their accuracy, and are never part of the dataset."
              : "These pairs will be regular pairs for annotation and the dataset."}
          </p>
        </div>
      )}
      <div className="flex items-center gap-3">
        {/* Once done, a second click would only import the same file again (all duplicates). */}
        <Button onClick={() => run.mutate()} disabled={run.isPending || run.isSuccess || !!missing}>
          {run.isPending
            ? "Importing…"
            : kind === "pairs"
              ? gold
                ? "Import gold pairs"
                : "Import pairs"
              : "Import prompts"}
        </Button>
        {missing && <p className="text-sm text-slate-600">{missing}</p>}
      </div>
      {run.isPending && sent && (
        <ProgressBar
          value={(sent.sent / Math.max(1, sent.total)) * 100}
          label={
            sent.sent < sent.total
              ? `Uploading: ${formatBytes(sent.sent)} of ${formatBytes(sent.total)}`
              : "Uploaded; finishing the import…"
          }
        />
      )}
      {run.error && (
        <Alert tone="error">{run.error instanceof ApiClientError ? run.error.message : "The import failed."}</Alert>
      )}
      {run.data && <ImportResultView result={run.data} />}
    </div>
  );
}
