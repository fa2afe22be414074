"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EditConflictAlert, isEditConflict } from "@/components/ui/edit-conflict-alert";
import { Field, SelectField } from "@/components/ui/field";
import { ApiClientError, apiFetch, fieldMessage as fieldError } from "@/lib/api/client";
import type { ChunkPreview as Preview } from "@/lib/documents/preview";
import type { ChunkSettings } from "@/lib/documents/settings";
import { ChunkPreview } from "./chunk-preview";
import { documentsKey } from "./query-keys";

export interface ChunkSettingsFormProps {
  projectId: string;
  initialSettings: ChunkSettings;
}

/** The chunking settings, a preview of what they give before anything is saved, and saving them. */
export function ChunkSettingsForm({ projectId, initialSettings }: ChunkSettingsFormProps) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => ({
    minChars: String(initialSettings.minChars),
    maxChars: String(initialSettings.maxChars),
    overlapSentences: String(initialSettings.overlapSentences),
    shortDocuments: initialSettings.shortDocuments,
  }));
  // The settings the form was loaded with (then: last saved with), sent with each save so that a
  // change someone else made meanwhile is refused rather than silently undone.
  const [loaded, setLoaded] = useState(initialSettings);
  const body = () => ({ ...form });
  const preview = useMutation({
    mutationFn: async () =>
      (
        await apiFetch<{ preview: Preview }>(`/api/projects/${projectId}/documents/preview`, {
          method: "POST",
          json: body(),
        })
      ).preview,
  });
  const save = useMutation({
    mutationFn: () =>
      apiFetch<{ chunks: number; settings: ChunkSettings }>(`/api/projects/${projectId}/documents/settings`, {
        method: "PUT",
        json: { ...body(), expected: loaded },
      }),
    onSuccess: ({ settings }) => {
      setLoaded(settings);
      return queryClient.invalidateQueries({ queryKey: documentsKey(projectId) });
    },
  });
  const error = save.error ?? preview.error;
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => {
    save.reset();
    setForm((f) => ({ ...f, [key]: e.target.value }));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    preview.mutate();
  };

  return (
    <section aria-labelledby="chunking-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="chunking-heading" className="text-lg font-semibold">
        Chunking
      </h2>
      <p className="text-sm text-slate-600">
        Cleaned text is cut into chunks of whole sentences between the minimum and the maximum length; a sentence longer
        than the maximum is cut between words.
      </p>
      <form onSubmit={onSubmit} className="grid max-w-3xl gap-3 sm:grid-cols-4">
        <Field
          label="Minimum characters"
          type="number"
          min={1}
          value={form.minChars}
          onChange={set("minChars")}
          error={fieldError(error, "minChars")}
        />
        <Field
          label="Maximum characters"
          type="number"
          min={1}
          value={form.maxChars}
          onChange={set("maxChars")}
          error={fieldError(error, "maxChars")}
        />
        <Field
          label="Overlap (sentences)"
          type="number"
          min={0}
          max={10}
          value={form.overlapSentences}
          onChange={set("overlapSentences")}
          error={fieldError(error, "overlapSentences")}
        />
        <SelectField label="Shorter documents" value={form.shortDocuments} onChange={set("shortDocuments")}>
          <option value="KEEP">Keep whole</option>
          <option value="DROP">Leave out</option>
        </SelectField>
        <div className="flex gap-2 sm:col-span-4">
          <Button type="submit" variant="secondary" disabled={preview.isPending}>
            Preview
          </Button>
          <Button onClick={() => save.mutate()} disabled={save.isPending}>
            Save settings
          </Button>
        </div>
      </form>
      {error &&
        !(error instanceof ApiClientError && error.fields.length) &&
        (isEditConflict(error) ? (
          <EditConflictAlert message={error.message} />
        ) : (
          <Alert tone="error">{error.message}</Alert>
        ))}
      {save.data && (
        <Alert tone="success">Saved: {save.data.chunks.toLocaleString("en-US")} chunks under these settings.</Alert>
      )}
      {preview.isPending && <p className="text-sm text-slate-600">Computing the preview…</p>}
      {preview.data && !preview.isPending && <ChunkPreview preview={preview.data} />}
    </section>
  );
}
