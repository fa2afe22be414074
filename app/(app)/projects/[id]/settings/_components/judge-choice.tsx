"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { MAX_PANEL_JUDGES, panelRule } from "@/lib/judging/panel";
import type { EndpointOption, EndpointRef } from "@/lib/projects/types";

const SLOT_LABELS = ["Judge endpoint", "Second judge", "Third judge"];
const JUDGE_FIELDS = ["judge", "judge2", "judge3"].slice(0, MAX_PANEL_JUDGES);

export interface JudgeChoiceProps {
  options: EndpointOption[];
  judges: EndpointRef[];
  /** The error of field `judge.<i>` (and of the whole panel for the first). */
  errorAt: (index: number) => string | undefined;
}

/** The chosen judges as the endpoints API takes them: one id, a panel (a list), or none. */
export function readJudges(data: FormData): string | string[] | null {
  const ids = JUDGE_FIELDS.map((f) => String(data.get(f) ?? "")).filter(Boolean);
  return ids.length === 0 ? null : ids.length === 1 ? ids[0]! : ids;
}

/**
 * One judge select, as for a single judge; "Add a judge" opens a second and a third, making a
 * panel that decides each pair by majority.
 */
export function JudgeChoice({ options, judges, errorAt }: JudgeChoiceProps) {
  const [slots, setSlots] = useState(Math.max(1, judges.length));
  // An endpoint archived after it was chosen stays listed, so the select can show it.
  const archived = judges
    .filter((j) => !options.some((o) => o.id === j.id))
    .map((j) => ({ ...j, name: `${j.name} — archived`, provider: "" }));
  const choices = [...options, ...archived];
  return (
    <div className="space-y-3">
      {SLOT_LABELS.slice(0, slots).map((label, i) => (
        <SelectField
          key={label}
          label={label}
          name={JUDGE_FIELDS[i]}
          defaultValue={judges[i]?.id ?? ""}
          error={errorAt(i)}
        >
          <option value="">{i === 0 ? "No judge" : "None"}</option>
          {choices.map((o) => (
            <option key={o.id} value={o.id}>{`${o.name} (${o.modelId})`}</option>
          ))}
        </SelectField>
      ))}
      <div className="flex items-center gap-3">
        {slots < MAX_PANEL_JUDGES && (
          <Button variant="secondary" onClick={() => setSlots(slots + 1)}>
            Add a judge
          </Button>
        )}
        <p className="text-xs text-slate-500">
          {slots === 1
            ? `Up to ${MAX_PANEL_JUDGES} judges can form a panel: each judges every pair in both orders.`
            : `A panel: each judge judges every pair in both orders; ${panelRule(slots)}.`}
        </p>
      </div>
    </div>
  );
}
