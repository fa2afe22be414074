"use client";

import { useId } from "react";
import { SelectField } from "@/components/ui/field";
import type { EndpointOption, EndpointRef, ProjectEndpoints } from "@/lib/projects/types";

const label = (e: EndpointOption) => `${e.name} (${e.modelId})`;

/** The active endpoints, plus an assigned one that has since been archived so the select can show it. */
function withAssigned(options: EndpointOption[], assigned: EndpointRef | undefined): EndpointOption[] {
  if (!assigned || options.some((o) => o.id === assigned.id)) return options;
  return [...options, { ...assigned, name: `${assigned.name} — archived`, provider: "" }];
}

export interface StrongWeakChoiceProps {
  options: EndpointOption[];
  current: ProjectEndpoints;
  fieldError: (path: string) => string | undefined;
}

export function StrongWeakChoice({ options, current, fieldError }: StrongWeakChoiceProps) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {(["strong", "weak"] as const).map((role) => (
        <SelectField
          key={role}
          label={role === "strong" ? "Strong endpoint" : "Weak endpoint"}
          name={role}
          defaultValue={current[role]?.id ?? ""}
          error={fieldError(role)}
        >
          <option value="">Choose an endpoint…</option>
          {withAssigned(options, current[role]).map((o) => (
            <option key={o.id} value={o.id}>
              {label(o)}
            </option>
          ))}
        </SelectField>
      ))}
    </div>
  );
}

export interface SamplerChoiceProps {
  options: EndpointOption[];
  current: ProjectEndpoints;
  error?: string;
}

export function SamplerChoice({ options, current, error }: SamplerChoiceProps) {
  const id = useId();
  const chosen = new Set(current.samplers.map((s) => s.id));
  const all = current.samplers.reduce(withAssigned, options);
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-2 text-sm font-medium text-slate-700">Sampler endpoints</legend>
      <div className="space-y-1.5">
        {all.map((o) => (
          <label key={o.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="samplers"
              value={o.id}
              defaultChecked={chosen.has(o.id)}
              className="size-4 accent-indigo-600"
            />
            {label(o)}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
