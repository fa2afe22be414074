import { memo } from "react";
import { TextareaField } from "@/components/ui/field";
import { ToggleButton } from "./toggle-button";
import { FLAGS, type Flag } from "./types";
import { enterSubmitsWhen } from "./use-annotate-keys";

export interface VoteExtrasProps {
  flags: Flag[];
  rationale: string;
  onFlag: (f: Flag) => void;
  onRationale: (text: string) => void;
}

export const VoteExtras = memo(function VoteExtras({ flags, rationale, onFlag, onRationale }: VoteExtrasProps) {
  return (
    <div className="grid gap-3 md:grid-cols-[auto_1fr] md:items-start">
      <div role="group" aria-label="Flags" className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-600">Flag:</span>
        {FLAGS.map((f) => (
          <ToggleButton
            key={f.value}
            label={f.label}
            pressed={flags.includes(f.value)}
            onClick={() => onFlag(f.value)}
            {...enterSubmitsWhen(flags.includes(f.value))}
          />
        ))}
      </div>
      <TextareaField
        label="Rationale (optional)"
        dir="auto"
        hint="Esc leaves the box; Ctrl+Enter submits."
        rows={2}
        maxLength={5000}
        value={rationale}
        onChange={(e) => onRationale(e.target.value)}
      />
    </div>
  );
});
