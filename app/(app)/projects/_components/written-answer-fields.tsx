"use client";

import { Field, SelectField } from "@/components/ui/field";
import { humanPairingLabels } from "@/lib/projects/labels";
import { HUMAN_PAIRINGS, LIMITS, type GenerationModeName, type HumanPairingName } from "@/lib/projects/schemas";

export interface WrittenAnswerFieldsProps {
  mode: GenerationModeName;
  writers: number;
  onWritersChange: (writers: number) => void;
  pairing: HumanPairingName;
  onPairingChange: (pairing: HumanPairingName) => void;
  minAnswerChars: number;
  fieldError: (name: string) => string | undefined;
}

/** Whether members write answers on the Write tab, how long they must be, and what they are compared with. */
export function WrittenAnswerFields(props: WrittenAnswerFieldsProps) {
  const { mode, writers, pairing, fieldError } = props;
  const pairings = HUMAN_PAIRINGS[mode];
  return (
    <div className="grid gap-4 sm:grid-cols-3 sm:items-start">
      <div>
        <Field
          label="Writers per prompt"
          name="writersPerPrompt"
          type="number"
          min={LIMITS.writersPerPrompt.min}
          max={LIMITS.writersPerPrompt.max}
          value={Number.isNaN(writers) ? "" : writers}
          onChange={(e) => props.onWritersChange(e.target.valueAsNumber)}
          error={fieldError("writersPerPrompt")}
        />
        <p className="mt-1 text-xs text-slate-600">0: nobody writes answers (no Write tab).</p>
      </div>
      {writers > 0 && (
        <>
          <Field
            label="Minimum answer length (characters)"
            name="minAnswerChars"
            type="number"
            min={LIMITS.minAnswerChars.min}
            max={LIMITS.minAnswerChars.max}
            defaultValue={props.minAnswerChars}
            error={fieldError("minAnswerChars")}
          />
          <SelectField
            label="Pair human answers with"
            name="humanPairing"
            value={pairings.includes(pairing) ? pairing : pairings[0]}
            onChange={(e) => props.onPairingChange(e.target.value as HumanPairingName)}
            error={fieldError("humanPairing")}
          >
            {pairings.map((p) => (
              <option key={p} value={p}>
                {humanPairingLabels[p]}
              </option>
            ))}
          </SelectField>
        </>
      )}
    </div>
  );
}
