"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { ApiClientError, apiFetch } from "@/lib/api/client";

export interface UsePromptsProps {
  projectId: string;
  runId: string;
  projects: { id: string; name: string }[];
}

interface Used {
  projectId: string;
  imported: number;
  duplicates: number;
}

/** "Use as prompts in a preference project": the kept instructions go to a new or an existing project. */
export function UsePrompts({ projectId, runId, projects }: UsePromptsProps) {
  const [target, setTarget] = useState("");
  const [name, setName] = useState("");
  const use = useMutation({
    mutationFn: () =>
      apiFetch<Used>(`/api/projects/${projectId}/documents/runs/${runId}/prompts`, {
        method: "POST",
        json: target ? { targetProjectId: target } : { newProjectName: name },
      }),
  });
  return (
    <form
      className="flex flex-wrap items-end gap-3 rounded border border-slate-200 p-3"
      aria-label="Use as prompts in a preference project"
      onSubmit={(e) => {
        e.preventDefault();
        use.mutate();
      }}
    >
      <Field label="New project name" value={name} onChange={(e) => setName(e.target.value)} disabled={!!target} />
      <SelectField label="or an existing project" value={target} onChange={(e) => setTarget(e.target.value)}>
        <option value="">A new project</option>
        {projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <Button type="submit" disabled={use.isPending || (!target && !name.trim())}>
        Use as prompts in a preference project
      </Button>
      {use.data && (
        <p className="text-sm" role="status">
          {use.data.imported} prompts imported, {use.data.duplicates} already there.{" "}
          <a className="underline" href={`/projects/${use.data.projectId}/prompts`}>
            Open the project
          </a>
        </p>
      )}
      {use.error && (
        <Alert tone="error">{use.error instanceof ApiClientError ? use.error.message : "Could not import"}</Alert>
      )}
    </form>
  );
}
