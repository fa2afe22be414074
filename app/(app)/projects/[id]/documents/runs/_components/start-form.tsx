"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxField, Field, SelectField } from "@/components/ui/field";
import { runsKey } from "@/components/runs/query-keys";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import {
  DEFAULT_NEAR_DUPLICATE_THRESHOLD,
  SENTENCE_ENDS,
  type StartDocumentRunInput,
} from "@/lib/document-runs/settings";

export interface StartFormProps {
  projectId: string;
  endpoints: { id: string; name: string }[];
  /** The endpoints chosen at first: the project's own strong and weak ones, when it has them. */
  defaults: { generator?: string; rejected?: string };
  disabled: boolean;
}

/** The settings of a document run: mode, endpoints, n per chunk, each filter editable or off. */
export function StartForm({ projectId, endpoints, defaults, disabled }: StartFormProps) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"INSTRUCTIONS" | "PREFERENCES">("PREFERENCES");
  const [generator, setGenerator] = useState(defaults.generator ?? endpoints[0]?.id ?? "");
  const [rejected, setRejected] = useState(defaults.rejected ?? "");
  const [n, setN] = useState(3);
  const [chunks, setChunks] = useState<"NEW" | "ALL">("NEW");
  const [minChars, setMinChars] = useState(100);
  const [minOn, setMinOn] = useState(true);
  const [upper, setUpper] = useState(true);
  const [punct, setPunct] = useState(true);
  const [sourceOn, setSourceOn] = useState(true);
  const [dupOn, setDupOn] = useState(true);
  const [threshold, setThreshold] = useState(DEFAULT_NEAR_DUPLICATE_THRESHOLD);
  const [evaluation, setEvaluation] = useState<string | undefined>();

  const start = useMutation({
    mutationFn: (body: StartDocumentRunInput) =>
      apiFetch(`/api/projects/${projectId}/documents/runs`, { method: "POST", json: body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: runsKey(projectId) }),
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    start.mutate({
      mode,
      generatorEndpointId: generator,
      rejectedEndpointId: mode === "PREFERENCES" && rejected ? rejected : null,
      itemsPerChunk: n,
      chunks,
      filters: {
        minChosenChars: minOn ? minChars : null,
        startsUpperCase: upper,
        endsWithPunctuation: punct,
        ...(sourceOn ? {} : { sourcePhrases: [] }),
      },
      nearDuplicateThreshold: dupOn ? threshold : null,
      evaluationJsonl: evaluation,
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4 rounded border border-slate-200 p-4" aria-label="Start a document run">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Mode" value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
          <option value="PREFERENCES">Preference triples (extract chosen, answer without the text rejected)</option>
          <option value="INSTRUCTIONS">Instructions and answers (SFT)</option>
        </SelectField>
        <Field
          label="Items per chunk"
          type="number"
          min={1}
          max={10}
          value={n}
          onChange={(e) => setN(Number(e.target.value))}
        />
        <SelectField label="Generator endpoint" value={generator} onChange={(e) => setGenerator(e.target.value)}>
          {endpoints.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Chunks" value={chunks} onChange={(e) => setChunks(e.target.value as typeof chunks)}>
          <option value="NEW">New chunks only: those no finished run of this mode has worked on</option>
          <option value="ALL">Every chunk, again</option>
        </SelectField>
        {mode === "PREFERENCES" && (
          <SelectField label="Rejected answers from" value={rejected} onChange={(e) => setRejected(e.target.value)}>
            <option value="">The generator endpoint</option>
            {endpoints.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Filters</legend>
        <div className="flex flex-wrap items-end gap-4">
          <CheckboxField
            label="Minimum length of the chosen text"
            checked={minOn}
            onChange={(e) => setMinOn(e.target.checked)}
          />
          <Field
            label="Characters"
            type="number"
            min={1}
            value={minChars}
            disabled={!minOn}
            onChange={(e) => setMinChars(Number(e.target.value))}
          />
        </div>
        <CheckboxField
          label="Chosen text starts with a capital letter (in scripts that have capitals)"
          checked={upper}
          onChange={(e) => setUpper(e.target.checked)}
        />
        <CheckboxField
          label={`Chosen text ends with ${SENTENCE_ENDS}`}
          checked={punct}
          onChange={(e) => setPunct(e.target.checked)}
        />
        <CheckboxField
          label='Drop instructions that mention their source ("the text", "the author", "the passage"…)'
          checked={sourceOn}
          onChange={(e) => setSourceOn(e.target.checked)}
        />
        <div className="flex flex-wrap items-end gap-4">
          <CheckboxField
            label="Drop near-duplicate instructions"
            checked={dupOn}
            onChange={(e) => setDupOn(e.target.checked)}
          />
          <Field
            label="Similarity threshold (3-word shingles, Jaccard)"
            type="number"
            step={0.05}
            min={0.1}
            max={1}
            value={threshold}
            disabled={!dupOn}
            onChange={(e) => setThreshold(Number(e.target.value))}
          />
        </div>
        <Field
          label="Evaluation set (JSONL of prompts, optional): instructions sharing 13 words in a row with it are dropped"
          type="file"
          accept=".jsonl,.json,.txt"
          onChange={async (e) => setEvaluation(await e.target.files?.[0]?.text())}
        />
      </fieldset>
      <Button type="submit" disabled={disabled || !generator || start.isPending}>
        {start.isPending ? "Starting…" : "Start run"}
      </Button>
      {!endpoints.length && <Alert tone="error">Add a model endpoint first (Admin → Endpoints).</Alert>}
      {start.error && (
        <Alert tone="error">{start.error instanceof ApiClientError ? start.error.message : "Could not start"}</Alert>
      )}
    </form>
  );
}
