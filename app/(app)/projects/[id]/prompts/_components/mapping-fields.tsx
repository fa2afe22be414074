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
  /**
   * Columns the admin chose not to keep. Every other column no role reads is kept as metadata,
   * as the import does by default; nested paths ("meta.source") are offered unticked, their
   * top-level column already holding them.
   */
  dropped: string[];
  /** Nested paths the admin ticked. */
  nested: string[];
}

export interface MappingFieldsProps {
  kind: ImportKind;
  columns: string[];
  value: MappingState;
  onChange(value: MappingState): void;
  /** Pairs whose chosen and rejected hold whole conversations need no prompt column. */
  promptOptional: boolean;
}

const roles: Record<
  ImportKind,
  { key: "prompt" | "system" | "externalId" | "chosen" | "rejected"; label: string; required?: boolean }[]
> = {
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

/** The role columns of a mapping, for leaving them out of the metadata. */
export function usedColumns(kind: ImportKind, value: MappingState): Set<string> {
  return new Set(roles[kind].map((r) => value[r.key]).filter(Boolean));
}

/** The columns the import keeps as metadata under this mapping. */
export function metadataColumns(kind: ImportKind, columns: string[], value: MappingState): string[] {
  const used = usedColumns(kind, value);
  const roots = new Set([...used].map((c) => c.split(".")[0]));
  return columns.filter((c) => {
    if (used.has(c)) return false;
    // A path into a top-level column the file has: that column is kept whole unless unticked.
    if (c.includes(".") && columns.includes(c.split(".")[0]!)) return value.nested.includes(c);
    return !roots.has(c) && !value.dropped.includes(c);
  });
}

export function MappingFields({ kind, columns, value, onChange, promptOptional }: MappingFieldsProps) {
  const used = usedColumns(kind, value);
  const kept = new Set(metadataColumns(kind, columns, value));
  const toggle = (c: string, on: boolean) => {
    if (c.includes("."))
      return onChange({ ...value, nested: on ? [...value.nested, c] : value.nested.filter((m) => m !== c) });
    onChange({ ...value, dropped: on ? value.dropped.filter((m) => m !== c) : [...value.dropped, c] });
  };
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
                  checked={kept.has(c)}
                  onChange={(e) => toggle(c, e.currentTarget.checked)}
                />
                {c}
              </label>
            ))}
        </div>
      </fieldset>
    </div>
  );
}
