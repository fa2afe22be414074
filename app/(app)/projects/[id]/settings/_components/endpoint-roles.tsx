"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@/components/ui/link";
import { useState, type FormEvent } from "react";
import { SaveRow } from "@/components/ui/save-row";
import { ApiClientError, apiFetch } from "@/lib/api/client";
import type { GenerationModeName, SetProjectEndpointsInput } from "@/lib/projects/schemas";
import type { EndpointOption, ProjectEndpoints } from "@/lib/projects/types";
import { projectEndpointsKey } from "../../../_components/query-keys";
import { SamplerChoice, StrongWeakChoice } from "./endpoint-choices";

export interface EndpointRolesProps {
  projectId: string;
  generationMode: GenerationModeName;
  options: EndpointOption[];
  initial: ProjectEndpoints;
}

function readChoice(form: HTMLFormElement, mode: GenerationModeName): SetProjectEndpointsInput {
  const data = new FormData(form);
  if (mode === "MULTI_SAMPLE") return { samplers: data.getAll("samplers").map(String) };
  return { strong: String(data.get("strong") ?? "") || undefined, weak: String(data.get("weak") ?? "") || undefined };
}

export function EndpointRoles({ projectId, generationMode, options, initial }: EndpointRolesProps) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const { data: current } = useQuery({
    queryKey: projectEndpointsKey(projectId),
    queryFn: async () =>
      (await apiFetch<{ endpoints: ProjectEndpoints }>(`/api/projects/${projectId}/endpoints`)).endpoints,
    initialData: initial,
  });
  const save = useMutation({
    mutationFn: (input: SetProjectEndpointsInput) =>
      apiFetch<{ endpoints: ProjectEndpoints }>(`/api/projects/${projectId}/endpoints`, { method: "PUT", json: input }),
    onSuccess: ({ endpoints }) => {
      setSaved(true);
      queryClient.setQueryData(projectEndpointsKey(projectId), endpoints);
    },
  });
  const err = save.error instanceof ApiClientError ? save.error : null;
  const fieldError = (path: string) =>
    err?.fields
      .filter((f) => f.path === path || f.path.startsWith(`${path}.`))
      .map((f) => f.message)
      .join(" ") || undefined;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    save.mutate(readChoice(event.currentTarget, generationMode));
  }

  let body;
  if (generationMode === "IMPORTED") {
    body = (
      <p className="text-sm text-slate-600">Imported projects bring their own candidates: no endpoints are used.</p>
    );
  } else if (options.length === 0) {
    body = (
      <p className="text-sm text-slate-600">
        No model endpoints yet. Add one on the{" "}
        <Link href="/admin/endpoints" className="text-indigo-600 underline">
          Endpoints
        </Link>{" "}
        page first.
      </p>
    );
  } else {
    body = (
      // Re-mounted when the stored roles change, so the controls show what was saved.
      <form
        key={JSON.stringify(current)}
        onSubmit={onSubmit}
        aria-label="Endpoint roles"
        noValidate
        className="space-y-4"
      >
        {generationMode === "STRONG_WEAK" ? (
          <StrongWeakChoice options={options} current={current} fieldError={fieldError} />
        ) : (
          <SamplerChoice options={options} current={current} error={fieldError("samplers")} />
        )}
        <SaveRow label={"Save endpoints"} pending={save.isPending} saved={saved} error={save.error} />
      </form>
    );
  }
  return (
    <section aria-labelledby="endpoints-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="endpoints-heading" className="mb-3 text-lg font-semibold">
        Endpoints
      </h2>
      {body}
    </section>
  );
}
