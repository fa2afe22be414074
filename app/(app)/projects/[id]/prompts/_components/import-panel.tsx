"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/field";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import { formatBytes, tooLargeMessage } from "@/lib/api/upload-limit";
import { unsupportedFileMessage } from "@/lib/imports/detect-format";
import { longerPreviewBytes, PREVIEW_BYTES } from "@/lib/prompts/preview-budget";
import type { ImportPreviewView } from "@/lib/prompts/types";
import { ImportForm } from "./import-form";
import { ImportSourcePicker, type ImportSource } from "./import-source";
import { importQuery } from "./post-file";

const formatLabels = {
  jsonl: "JSONL",
  json: "JSON array",
  csv: "CSV",
  text: "Plain text (one prompt per line)",
} as const;
type Format = keyof typeof formatLabels;

export interface ImportPanelProps {
  projectId: string;
  canImportPairs: boolean;
  maxBytes: number;
}

/**
 * Sends the start of the file, and a longer start while the first record does not fit (see
 * preview-budget.ts): the file itself may be hundreds of MB.
 */
async function fetchPreview(projectId: string, source: ImportSource, format: Format | "") {
  const blob = source.kind === "file" ? source.file : new Blob([source.text]);
  for (let size = PREVIEW_BYTES; ;) {
    const query = importQuery({
      format: format || undefined,
      fileName: source.kind === "file" ? source.file.name : undefined,
      partial: blob.size > size ? "1" : undefined,
    });
    const preview = await apiFetch<ImportPreviewView>(`/api/projects/${projectId}/imports/preview${query}`, {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream" },
      body: blob.slice(0, size),
    });
    const next = blob.size > size ? longerPreviewBytes(preview, size) : null;
    if (next === null) return preview;
    size = next;
  }
}

export function ImportPanel({ projectId, canImportPairs, maxBytes }: ImportPanelProps) {
  // Bumped for every file or paste, so choosing the same file again starts afresh.
  const [choice, setChoice] = useState<{ source: ImportSource; version: number } | null>(null);
  const [format, setFormat] = useState<Format | "">("");
  const tooLarge = choice?.source.kind === "file" && choice.source.file.size > maxBytes;
  // Said at once, without sending the file: the server would refuse it by its name all the same.
  const refused = choice?.source.kind === "file" ? unsupportedFileMessage(choice.source.file.name) : null;
  const preview = useQuery({
    queryKey: ["import-preview", projectId, choice?.version, format],
    queryFn: () => fetchPreview(projectId, choice!.source, format),
    enabled: !!choice && !tooLarge && !refused,
    retry: false,
    staleTime: Infinity,
  });

  return (
    <section aria-labelledby="import-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div>
        <h2 id="import-heading" className="font-medium">
          Import
        </h2>
        <p className="text-sm text-slate-600">
          Up to {formatBytes(maxBytes)}. Rows the project already has are skipped; bad rows are listed with their line.
        </p>
      </div>
      <ImportSourcePicker
        onChoose={(source) => (setChoice((c) => ({ source, version: (c?.version ?? 0) + 1 })), setFormat(""))}
      />
      {choice && !refused && (
        <SelectField
          label="Format"
          className="max-w-xs"
          value={format}
          onChange={(e) => setFormat(e.currentTarget.value as Format | "")}
        >
          <option value="">
            {preview.data && !format ? `Detected: ${formatLabels[preview.data.format]}` : "Detect automatically"}
          </option>
          {(Object.keys(formatLabels) as Format[]).map((f) => (
            <option key={f} value={f}>
              {formatLabels[f]}
            </option>
          ))}
        </SelectField>
      )}
      {refused ? (
        <Alert tone="error">{refused}</Alert>
      ) : (
        tooLarge && <Alert tone="error">{tooLargeMessage(maxBytes)}</Alert>
      )}
      {preview.isFetching && <p className="text-sm text-slate-600">Reading the start of the file…</p>}
      {preview.error && (
        <Alert tone="error">
          {preview.error instanceof ApiClientError ? preview.error.message : "The file could not be read."}
        </Alert>
      )}
      {choice && preview.data && !preview.isFetching && (
        <ImportForm
          key={`${choice.version}:${format}`}
          projectId={projectId}
          source={choice.source}
          preview={preview.data}
          format={format || undefined}
          canImportPairs={canImportPairs}
        />
      )}
    </section>
  );
}
