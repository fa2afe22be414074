import { Button } from "@/components/ui/button";
import { isSide, type Draft } from "./draft-state";
import { ToggleButton } from "./toggle-button";
import type { Choice, Strength } from "./types";
import { enterSubmitsWhen } from "./use-annotate-keys";

const choices: { value: Choice; label: string; key: string; keys: string }[] = [
  { value: "LEFT", label: "A better", key: "1", keys: "1 A" },
  { value: "RIGHT", label: "B better", key: "2", keys: "2 B" },
  { value: "TIE", label: "Tie", key: "T", keys: "T" },
  { value: "BOTH_BAD", label: "Both bad", key: "X", keys: "X" },
];
const strengths: { value: Strength; label: string; key: string }[] = [
  { value: 1, label: "Slightly", key: "⇧1" },
  { value: 2, label: "Clearly", key: "⇧2" },
];
const chosenLabel = (c: Choice) => choices.find((x) => x.value === c)!.label;

export interface ChoiceBarProps {
  draft: Draft;
  onChoose: (c: Choice) => void;
  onStrength: (s: Strength) => void;
  onSubmit: () => void;
}

export function ChoiceBar({ draft, onChoose, onStrength, onSubmit }: ChoiceBarProps) {
  const sided = isSide(draft.choice);
  return (
    <div className="space-y-3">
      <div role="group" aria-label="Which answer is better?" className="flex flex-wrap gap-2">
        {choices.map((c) => (
          <ToggleButton
            key={c.value}
            tone="choice"
            label={c.label}
            shortcut={c.key}
            keyshortcuts={c.keys}
            pressed={draft.choice === c.value}
            onClick={() => onChoose(c.value)}
            {...enterSubmitsWhen(draft.choice === c.value)}
          />
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-600" id="strength-label">
          Strength (optional):
        </span>
        <div role="group" aria-labelledby="strength-label" className="flex gap-2">
          {strengths.map((s) => (
            <ToggleButton
              key={s.value}
              label={s.label}
              shortcut={s.key}
              keyshortcuts={`Shift+${s.value}`}
              pressed={draft.strength === s.value}
              className={sided || !draft.choice ? "" : "opacity-50"}
              onClick={() => onStrength(s.value)}
              {...enterSubmitsWhen(draft.strength === s.value)}
            />
          ))}
        </div>
        {draft.strength && draft.choice && !sided && (
          <span className="text-xs text-slate-500">strength only counts for A or B better</span>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={onSubmit} disabled={!draft.choice} aria-keyshortcuts="Enter">
          Submit{" "}
          <kbd aria-hidden className="ml-2 rounded bg-indigo-500 px-1 font-mono text-xs">
            Enter
          </kbd>
        </Button>
        <p className="text-sm text-slate-600" data-testid="choice-status" aria-live="polite">
          {draft.choice ? (
            <>
              <strong>{chosenLabel(draft.choice)}</strong>
              {sided && draft.strength ? ` (${draft.strength === 2 ? "clearly" : "slightly"})` : ""} selected: Enter
              submits. Add strength, flags or a note first if you like.
            </>
          ) : (
            "Choosing selects (1, 2, T, X); Enter submits."
          )}
        </p>
      </div>
    </div>
  );
}
