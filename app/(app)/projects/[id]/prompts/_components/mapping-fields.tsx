"use client";

import { SelectField } from "@/components/ui/field";

export type ImportKind = "prompts" | "pairs";

/** The column chosen for each role; "" when none. */
export interface MappingState {
  prompt: string;
  system: string;
  externalId: string;
  chosen: string;
  rejected: string;
  metadata: string[];
}

export interface MappingFieldsProps {
  kind: ImportKind;
  columns: string[];
  value: MappingState;
  onChange(value: MappingState): void;
  /** Pairs whose chosen and rejected hold whole conversations need no prompt column. */
  promptOptional: boolean;
}

const roles: Record<ImportKind, { key: keyof Omit<MappingState, "metadata">; label: string; required?: boolean }[]> = {
  prompts: [
    { key: "prompt", label: "Prompt column", required: true },
    { key: "system", label: "System prompt column" },
    { key: "externalId", label: "External id column" },
  ],
  pairs: [
    { key: "prompt", label: "Prompt column", required: true },
    { key: "chosen", label: "Chosen column", required: true },
    { key: "rejected", label: "Rejected column", required: true },
    { key: "system", label: "System prompt column" },
    { key: "externalId", label: "External id column" },
  ],
};

export function MappingFields({ kind, columns, value, onChange, promptOptional }: MappingFieldsProps) {
  const used = new Set(roles[kind].map((r) => value[r.key]).filter(Boolean));
  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-3">
        {roles[kind].map((role) => {
          const required = role.required && !(role.key === "prompt" && promptOptional);
          return (
            <SelectField
              key={role.key}
              label={required ? role.label : `${role.label} (optional)`}
              value={value[role.key]}
              onChange={(e) => onChange({ ...value, [role.key]: e.currentTarget.value })}
            >
              <option value="">{required ? "Choose a column" : "None"}</option>
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </SelectField>
          );
        })}
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">Keep as metadata</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {columns
            .filter((c) => !used.has(c))
            .map((c) => (
              <label key={c} className="flex items-center gap-1.5 text-sm text-slate-700">
                <input
                  type="checkbox"
                  className="size-4 accent-indigo-600"
                  checked={value.metadata.includes(c)}
                  onChange={(e) =>
                    onChange({
                      ...value,
                      metadata: e.currentTarget.checked ? [...value.metadata, c] : value.metadata.filter((m) => m !== c),
                    })
                  }
                />
                {c}
              </label>
            ))}
        </div>
      </fieldset>
    </div>
  );
}
