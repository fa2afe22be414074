"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EditConflictAlert, isEditConflict } from "@/components/ui/edit-conflict-alert";
import { Field, SelectField } from "@/components/ui/field";
import { ApiClientError, apiFetch, fieldMessage } from "@/lib/api/client";
import { PROVIDER_LABELS, providerSchema, type PublicEndpoint } from "@/lib/endpoints/schemas";
import { withExpected } from "@/lib/projects/expected";
import { OUTPUT_MODE_LABELS, OUTPUT_MODE_SETTINGS } from "@/lib/models/output-mode";
import { createInput, updateInput } from "./form-values";
import { ENDPOINTS_KEY } from "./query-keys";

export interface EndpointFormProps {
  /** The endpoint to edit; without it the form adds a new one. */
  endpoint?: PublicEndpoint;
  onDone?: () => void;
}

type NumericField =
  | "temperature"
  | "topP"
  | "maxTokens"
  | "seed"
  | "concurrencyLimit"
  | "requestsPerMinute"
  | "inputPricePerMTok"
  | "outputPricePerMTok";

const FIELDS = new Set([
  "name",
  "modelId",
  "baseUrl",
  "apiKey",
  "temperature",
  "topP",
  "maxTokens",
  "seed",
  "concurrencyLimit",
  "requestsPerMinute",
  "inputPricePerMTok",
  "outputPricePerMTok",
  "structuredOutput",
]);

const shown = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));

export function EndpointForm({ endpoint, onDone }: EndpointFormProps) {
  const queryClient = useQueryClient();
  const [added, setAdded] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (data: FormData) =>
      endpoint
        ? apiFetch<{ endpoint: PublicEndpoint }>(`/api/admin/endpoints/${endpoint.id}`, {
            method: "PATCH",
            // The values the form was opened with: a change someone made meanwhile is refused, not undone.
            json: withExpected(updateInput(data), endpoint),
          })
        : apiFetch<{ endpoint: PublicEndpoint }>("/api/admin/endpoints", { method: "POST", json: createInput(data) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ENDPOINTS_KEY }),
  });
  const err = save.error instanceof ApiClientError ? save.error : null;
  const fieldError = (name: string) => fieldMessage(save.error, name);
  const label = endpoint ? `Edit ${endpoint.name}` : "Add an endpoint";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setAdded(null);
    save.mutate(new FormData(form), {
      onSuccess: ({ endpoint: saved }) => {
        if (endpoint) return onDone?.();
        form.reset();
        setAdded(saved.name);
      },
    });
  }

  const number = (
    name: NumericField,
    text: string,
    props: { step: string; min?: number; max?: number; placeholder: string },
  ) => (
    <Field
      label={text}
      name={name}
      type="number"
      defaultValue={shown(endpoint?.[name])}
      error={fieldError(name)}
      {...props}
    />
  );

  return (
    <form onSubmit={onSubmit} className="rounded-lg border border-slate-200 bg-white p-4" aria-label={label} noValidate>
      <h2 className="mb-3 font-medium">{label}</h2>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Name" name="name" required defaultValue={endpoint?.name} error={fieldError("name")} />
        <SelectField label="Provider" name="provider" defaultValue={endpoint?.provider ?? "OPENAI_COMPATIBLE"}>
          {providerSchema.options.map((p) => (
            <option key={p} value={p}>
              {PROVIDER_LABELS[p]}
            </option>
          ))}
        </SelectField>
        <Field
          label="Model id"
          name="modelId"
          required
          defaultValue={endpoint?.modelId}
          error={fieldError("modelId")}
        />
        <Field
          label="Base URL"
          name="baseUrl"
          type="url"
          placeholder="https://host/v1 (optional for OpenAI and Anthropic)"
          defaultValue={endpoint?.baseUrl ?? ""}
          error={fieldError("baseUrl")}
        />
        <Field
          label="API key"
          name="apiKey"
          type="password"
          autoComplete="off"
          placeholder={endpoint?.apiKeyLast4 ? `Leave blank to keep ${endpoint.apiKeyLast4}` : "None"}
          error={fieldError("apiKey")}
        />
        {number("temperature", "Temperature", { step: "0.01", min: 0, max: 2, placeholder: "Provider default" })}
        {number("topP", "Top P", { step: "0.01", min: 0, max: 1, placeholder: "Provider default" })}
        {number("maxTokens", "Max tokens", { step: "1", min: 1, placeholder: "Provider default" })}
        {number("seed", "Seed", { step: "1", placeholder: "None" })}
        {number("concurrencyLimit", "Concurrent calls", { step: "1", min: 1, max: 256, placeholder: "4" })}
        {number("requestsPerMinute", "Requests per minute", { step: "1", min: 1, placeholder: "No limit" })}
        {number("inputPricePerMTok", "Input price (USD / M tokens)", { step: "0.01", min: 0, placeholder: "0" })}
        {number("outputPricePerMTok", "Output price (USD / M tokens)", { step: "0.01", min: 0, placeholder: "0" })}
        <SelectField
          label="Structured output"
          name="structuredOutput"
          defaultValue={endpoint?.structuredOutput ?? "AUTO"}
          error={fieldError("structuredOutput")}
          title="How the judge asks for JSON. Automatic starts with JSON schema, or with what Test found to work."
        >
          {OUTPUT_MODE_SETTINGS.map((mode) => (
            <option key={mode} value={mode}>
              {OUTPUT_MODE_LABELS[mode]}
            </option>
          ))}
        </SelectField>
      </div>
      {endpoint?.apiKeyLast4 && (
        <label className="mt-3 flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="removeApiKey" className="size-4 accent-indigo-600" />
          Remove the stored API key
        </label>
      )}
      <div className="mt-4 flex items-center gap-2">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : endpoint ? "Save changes" : "Add endpoint"}
        </Button>
        {endpoint && (
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        )}
      </div>
      <div className="mt-3">
        {err &&
          !err.fields.some((f) => FIELDS.has(f.path)) &&
          (isEditConflict(err) ? (
            <EditConflictAlert message={err.message} />
          ) : (
            <Alert tone="error">{err.message}</Alert>
          ))}
        {save.error && !err && <Alert tone="error">The request failed; check your connection.</Alert>}
        {added && <Alert tone="success">Added {added}. Press Test to check that it answers.</Alert>}
      </div>
    </form>
  );
}
