"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { SaveRow } from "@/components/ui/save-row";
import { Field, TextareaField } from "@/components/ui/field";
import { ApiClientError, apiFetch, fieldMessage } from "@/lib/api/client";
import type { CreateProjectInput, GenerationModeName } from "@/lib/projects/schemas";
import { withExpected } from "@/lib/projects/expected";
import { LIMITS } from "@/lib/projects/schemas";
import type { ProjectView } from "@/lib/projects/types";
import { GuidelinesEditor } from "./guidelines-editor";
import { ModeFields } from "./mode-fields";
import { projectKey } from "./query-keys";

export interface ProjectFormProps {
  /** The project to edit; without it the form creates one. */
  project?: ProjectView;
  /** The project has a judge chosen (what switching to a judged mode needs). */
  hasJudge?: boolean;
}

function readForm(form: HTMLFormElement, guidelines: string): CreateProjectInput {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "");
  const generationMode = text("generationMode") as GenerationModeName;
  return {
    name: text("name"),
    description: text("description"),
    guidelines,
    systemPrompt: text("systemPrompt"),
    generationMode,
    evaluationMode: text("evaluationMode") as CreateProjectInput["evaluationMode"],
    // n and m mean nothing outside several-samples mode; the stored values are left alone.
    ...(generationMode === "MULTI_SAMPLE"
      ? { samplesPerPrompt: Number(text("samplesPerPrompt")), maxPairsPerPrompt: Number(text("maxPairsPerPrompt")) }
      : {}),
    allowFlawedInPairs: data.get("allowFlawedInPairs") === "on",
    overlap: Number(text("overlap")),
    writersPerPrompt: Number(text("writersPerPrompt")),
    // Shown only when people write answers; the stored values are left alone otherwise.
    ...(data.has("humanPairing")
      ? {
          minAnswerChars: Number(text("minAnswerChars")),
          humanPairing: text("humanPairing") as CreateProjectInput["humanPairing"],
        }
      : {}),
    queueStrategy: text("queueStrategy") as CreateProjectInput["queueStrategy"],
  };
}

export function ProjectForm({ project, hasJudge }: ProjectFormProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [guidelines, setGuidelines] = useState(project?.guidelines ?? "");
  const [saved, setSaved] = useState(false);
  // The settings this form's values were loaded with (then: last saved with), sent with each save
  // so that a change someone else made meanwhile is refused rather than silently undone.
  const [loaded, setLoaded] = useState(project);
  const save = useMutation({
    mutationFn: (input: CreateProjectInput) =>
      loaded
        ? apiFetch<{ project: ProjectView }>(`/api/projects/${loaded.id}`, {
            method: "PATCH",
            json: withExpected(input, loaded),
          })
        : apiFetch<{ project: ProjectView }>("/api/projects", { method: "POST", json: input }),
    onSuccess: async ({ project: saved }) => {
      if (!project) return router.push(`/projects/${saved.id}`);
      setLoaded(saved);
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: projectKey(saved.id) });
      router.refresh(); // the header and overview are server-rendered
    },
  });
  const err = save.error instanceof ApiClientError ? save.error : null;
  const fieldError = (name: string) => fieldMessage(save.error, name);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    save.mutate(readForm(event.currentTarget, guidelines));
  }

  return (
    <form
      onSubmit={onSubmit}
      aria-label={project ? "Project settings" : "New project"}
      noValidate
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <Field
        label="Name"
        name="name"
        required
        maxLength={LIMITS.name}
        defaultValue={project?.name}
        error={fieldError("name")}
      />
      <TextareaField
        label="Description"
        name="description"
        rows={2}
        defaultValue={project?.description}
        error={fieldError("description")}
      />
      <GuidelinesEditor value={guidelines} onChange={setGuidelines} error={fieldError("guidelines")} />
      <TextareaField
        label="System prompt"
        hint="Sent with every prompt when generating candidates. Leave empty for none."
        name="systemPrompt"
        rows={3}
        defaultValue={project?.systemPrompt ?? ""}
        error={fieldError("systemPrompt")}
        className="[&_textarea]:font-mono"
      />
      <ModeFields project={project} hasJudge={hasJudge} fieldError={fieldError} />
      <SaveRow
        label={project ? "Save settings" : "Create project"}
        pending={save.isPending}
        saved={saved}
        error={save.error}
      />
      {err && err.fields.length > 0 && <Alert tone="error">Some fields need attention.</Alert>}
    </form>
  );
}
