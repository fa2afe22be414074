"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { ToggleButton } from "./toggle-button";
import { FLAGS, type Flag } from "./types";

export const SKIP_REASONS = [
  "I can't judge this topic",
  "The prompt is unclear",
  "The answers are the same",
  "Other",
] as const;

export interface SkipDialogProps {
  initialFlags: Flag[];
  onSkip: (reason: string, flags: Flag[]) => void;
  onClose: () => void;
}

/** The reason sent: the preset, with the details appended; "Other" needs the details. */
export function skipReason(preset: string, details: string): string | null {
  const extra = details.trim();
  if (preset === "Other") return extra ? extra.slice(0, 500) : null;
  return (extra ? `${preset}: ${extra}` : preset).slice(0, 500);
}

export function SkipDialog({ initialFlags, onSkip, onClose }: SkipDialogProps) {
  const [preset, setPreset] = useState<string>(SKIP_REASONS[0]);
  const [details, setDetails] = useState("");
  const [flags, setFlags] = useState<Flag[]>(initialFlags);
  const [error, setError] = useState<string>();
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const reason = skipReason(preset, details);
    if (!reason) return setError("Say why you skip this pair");
    onSkip(reason, flags);
  };
  return (
    <Dialog title="Skip this pair" onClose={onClose}>
      {/* Enter on a radio does not submit a form by itself: make it, so the dialog works by keyboard alone. */}
      <form
        aria-label="Skip this pair"
        onSubmit={submit}
        onKeyDown={(e) => e.key === "Enter" && (e.target as HTMLElement).matches("input[type=radio]") && submit(e)}
        className="space-y-4"
      >
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-700">Reason</legend>
          <div className="space-y-1">
            {SKIP_REASONS.map((r, i) => (
              <label key={r} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="skip-reason"
                  value={r}
                  checked={preset === r}
                  onChange={() => setPreset(r)}
                  data-autofocus={i === 0 ? "" : undefined}
                  className="accent-indigo-600"
                />
                {r}
              </label>
            ))}
          </div>
        </fieldset>
        <Field
          label={preset === "Other" ? "Reason" : "Details (optional)"}
          value={details}
          maxLength={480}
          onChange={(e) => setDetails(e.target.value)}
          error={error}
        />
        <div role="group" aria-label="Flags" className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-slate-600">Flag:</span>
          {FLAGS.map((f) => (
            <ToggleButton
              key={f.value}
              label={f.label}
              pressed={flags.includes(f.value)}
              onClick={() =>
                setFlags((fs) => (fs.includes(f.value) ? fs.filter((x) => x !== f.value) : [...fs, f.value]))
              }
            />
          ))}
        </div>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit">Skip pair</Button>
        </div>
      </form>
    </Dialog>
  );
}
