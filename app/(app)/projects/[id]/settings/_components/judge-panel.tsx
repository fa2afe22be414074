"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { SaveRow } from "@/components/ui/save-row";
import { CheckboxField, Field, TextareaField } from "@/components/ui/field";
import { ApiClientError, apiFetch, fieldMessage } from "@/lib/api/client";
import { DEFAULT_RUBRIC, RUBRIC_MAX_CHARS } from "@/lib/judging/rubric";
import { withExpected } from "@/lib/projects/expected";
import type { UpdateProjectInput } from "@/lib/projects/schemas";
import type { EndpointOption, EndpointRef, ProjectEndpoints, ProjectView } from "@/lib/projects/types";
import { projectEndpointsKey } from "../../../_components/query-keys";
import { JudgeChoice, readJudges } from "./judge-choice";

export interface JudgePanelProps {
  project: ProjectView;
  options: EndpointOption[];
  judges: EndpointRef[];
}

function readForm(form: HTMLFormElement, mode: ProjectView["evaluationMode"]) {
  const data = new FormData(form);
  const rubric = String(data.get("judgeRubric") ?? "");
  const settings: UpdateProjectInput = {
    // The default stays "the default" (null), so an improved default reaches the project too.
    judgeRubric: rubric.trim() === DEFAULT_RUBRIC.trim() ? null : rubric,
    ...(mode === "LLM_JUDGE"
      ? { uncertainToHumans: data.get("uncertainToHumans") === "on" }
      : { confidenceThreshold: Number(data.get("confidenceThreshold")), auditShare: Number(data.get("auditShare")) }),
  };
  return { judge: readJudges(data), settings };
}

/** The judge endpoint (or panel) and how its verdicts are used, for LLM judge and hybrid projects. */
export function JudgePanel({ project, options, judges }: JudgePanelProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  // What the form was loaded with (then: last saved with), sent with each save (see ProjectForm).
  const [loaded, setLoaded] = useState(project);
  const save = useMutation({
    mutationFn: async ({ judge, settings }: ReturnType<typeof readForm>) => {
      // The settings first: a save refused because they changed meanwhile then changes nothing.
      const { project: saved } = await apiFetch<{ project: ProjectView }>(`/api/projects/${project.id}`, {
        method: "PATCH",
        json: withExpected(settings, loaded),
      });
      setLoaded(saved);
      const { endpoints } = await apiFetch<{ endpoints: ProjectEndpoints }>(`/api/projects/${project.id}/endpoints`, {
        method: "PUT",
        json: { judge },
      });
      queryClient.setQueryData(projectEndpointsKey(project.id), endpoints);
    },
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  const err = save.error instanceof ApiClientError ? save.error : null;
  const fieldError = (name: string) => fieldMessage(save.error, name);
  const judgeError = (i: number) =>
    err?.fields
      .filter((f) => f.path === `judge.${i}` || (i === 0 && f.path === "judge"))
      .map((f) => f.message)
      .join(" ") || undefined;
  const hybrid = project.evaluationMode === "HYBRID";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    save.mutate(readForm(event.currentTarget, project.evaluationMode));
  }

  return (
    <section aria-labelledby="judge-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="judge-heading" className="mb-3 text-lg font-semibold">
        LLM judge
      </h2>
      <form onSubmit={onSubmit} aria-label="LLM judge" noValidate className="space-y-4">
        <JudgeChoice options={options} judges={judges} errorAt={judgeError} />
        <TextareaField
          label="Rubric"
          hint="What the judge weighs. It sees the instruction, both answers (twice, in both orders) and this rubric, and answers with a winner, a score from 1 to 10 for each answer and a short rationale."
          name="judgeRubric"
          rows={8}
          maxLength={RUBRIC_MAX_CHARS}
          defaultValue={project.judgeRubric ?? DEFAULT_RUBRIC}
          error={fieldError("judgeRubric")}
        />
        {hybrid ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Confidence threshold (points, 0–9)"
              name="confidenceThreshold"
              type="number"
              min={0}
              max={9}
              step={0.5}
              defaultValue={project.confidenceThreshold}
              error={fieldError("confidenceThreshold")}
            />
            <Field
              label="Audit share (0–1)"
              name="auditShare"
              type="number"
              min={0}
              max={1}
              step={0.01}
              defaultValue={project.auditShare}
              error={fieldError("auditShare")}
            />
          </div>
        ) : (
          <CheckboxField
            label="Send uncertain and failed pairs to annotators"
            hint="Otherwise they are left out of the export."
            name="uncertainToHumans"
            defaultChecked={project.uncertainToHumans}
          />
        )}
        {hybrid && (
          <p className="text-xs text-slate-500">
            Annotators get the pairs where the two orders disagree or the judge failed, those whose score margin is
            under the threshold, and the audit share of the rest.
          </p>
        )}
        <SaveRow label={"Save judge"} pending={save.isPending} saved={saved} error={save.error} />
      </form>
    </section>
  );
}
