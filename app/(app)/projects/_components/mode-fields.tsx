"use client";

import { useState } from "react";
import { CheckboxField, Field, SelectField } from "@/components/ui/field";
import {
  evaluationModeHints,
  evaluationModeLabels,
  generationModeHints,
  generationModeLabels,
} from "@/lib/projects/labels";
import { judgeDecides, preferenceMethod } from "@/lib/projects/modes";
import {
  HUMAN_PAIRINGS,
  LIMITS,
  evaluationModeSchema,
  generationModeSchema,
  type EvaluationModeName,
  type GenerationModeName,
  type HumanPairingName,
} from "@/lib/projects/schemas";
import type { ProjectView } from "@/lib/projects/types";
import { WrittenAnswerFields } from "./written-answer-fields";

export interface ModeFieldsProps {
  project?: ProjectView;
  /** The project has a judge (or a panel) chosen: what a switch to a judged mode needs. */
  hasJudge?: boolean;
  fieldError: (name: string) => string | undefined;
}

/** How candidates are obtained and decided; n and m appear only where samples are drawn. */
export function ModeFields({ project, hasJudge = false, fieldError }: ModeFieldsProps) {
  const [mode, setMode] = useState<GenerationModeName>(project?.generationMode ?? "STRONG_WEAK");
  const [evaluation, setEvaluation] = useState(project?.evaluationMode ?? "HUMAN");
  const [writers, setWriters] = useState(project?.writersPerPrompt ?? 0);
  const [chosenPairing, setPairing] = useState<HumanPairingName>(project?.humanPairing ?? "STRONG");
  const [overlap, setOverlap] = useState(project?.overlap ?? 1);
  // The select offers only the mode's rules; a stored rule of another mode reads as the first.
  const pairing = HUMAN_PAIRINGS[mode].includes(chosenPairing) ? chosenPairing : HUMAN_PAIRINGS[mode][0]!;
  const method = preferenceMethod({
    generationMode: mode,
    evaluationMode: evaluation,
    writersPerPrompt: Number.isNaN(writers) ? 0 : writers,
    humanPairing: pairing,
  });
  return (
    <fieldset className="space-y-4">
      <legend className="sr-only">Generation and evaluation</legend>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <SelectField
            label="Generation mode"
            name="generationMode"
            value={mode}
            onChange={(e) => setMode(e.target.value as GenerationModeName)}
            error={fieldError("generationMode")}
          >
            {generationModeSchema.options.map((m) => (
              <option key={m} value={m}>
                {generationModeLabels[m]}
              </option>
            ))}
          </SelectField>
          <p className="mt-1 text-xs text-slate-500">
            {generationModeHints[mode]}
            {/* Document runs work in a project of any mode: no separate project shape for them. */}
            {
              " Any project can also take documents: its Documents page turns them into preference pairs for this project, or into instruction data."
            }
            {project && mode !== project.generationMode && " Changing the mode clears the endpoint roles."}
          </p>
        </div>
        <div>
          <SelectField
            label="Evaluation mode"
            name="evaluationMode"
            value={evaluation}
            onChange={(e) => setEvaluation(e.target.value as typeof evaluation)}
            error={fieldError("evaluationMode")}
          >
            {evaluationModeSchema.options.map((m) => (
              <option key={m} value={m}>
                {evaluationModeLabels[m]}
              </option>
            ))}
          </SelectField>
          <p className="mt-1 text-xs text-slate-500">{evaluationModeHints[evaluation]}</p>
          {project && <EvaluationChange from={project.evaluationMode} to={evaluation} hasJudge={hasJudge} />}
        </div>
      </div>
      {mode === "MULTI_SAMPLE" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Samples per endpoint and prompt (n)"
            name="samplesPerPrompt"
            type="number"
            min={LIMITS.samplesPerPrompt.min}
            max={LIMITS.samplesPerPrompt.max}
            defaultValue={project?.samplesPerPrompt ?? 2}
            error={fieldError("samplesPerPrompt")}
          />
          <Field
            label="Most pairs per prompt (m)"
            name="maxPairsPerPrompt"
            type="number"
            min={LIMITS.maxPairsPerPrompt.min}
            max={LIMITS.maxPairsPerPrompt.max}
            defaultValue={project?.maxPairsPerPrompt ?? 1}
            error={fieldError("maxPairsPerPrompt")}
          />
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2 sm:items-start">
        <Field
          label="Votes per pair (overlap)"
          name="overlap"
          type="number"
          min={LIMITS.overlap.min}
          max={LIMITS.overlap.max}
          defaultValue={project?.overlap ?? 1}
          onChange={(e) => setOverlap(Number(e.target.value))}
          error={fieldError("overlap")}
        />
        <CheckboxField
          label="Allow flawed candidates in pairs"
          hint="Empty answers and answers cut off by the token limit may still form pairs."
          name="allowFlawedInPairs"
          defaultChecked={project?.allowFlawedInPairs ?? false}
          className="sm:mt-7"
        />
      </div>
      {project && <OverlapChange from={project.overlap} to={overlap} />}
      <WrittenAnswerFields
        mode={mode}
        writers={writers}
        onWritersChange={setWriters}
        pairing={pairing}
        onPairingChange={setPairing}
        minAnswerChars={project?.minAnswerChars ?? 20}
        fieldError={fieldError}
      />
      <p
        className="rounded-md bg-slate-50 p-3 text-sm text-slate-700"
        aria-live="polite"
        data-testid="preference-method"
      >
        <span className="font-medium">Method: </span>
        {method.sentence}
      </p>
      <div>
        <SelectField
          label="Queue order"
          name="queueStrategy"
          defaultValue={project?.queueStrategy ?? "BREADTH_FIRST"}
          error={fieldError("queueStrategy")}
        >
          <option value="BREADTH_FIRST">Breadth-first: every pair gets a vote before any gets a second</option>
          <option value="DEPTH_FIRST">Depth-first: finish pairs already started before opening new ones</option>
        </SelectField>
        <p className="mt-1 text-sm text-slate-600">
          With more than one vote per pair, depth-first brings second opinions and disagreements early; breadth-first
          covers all pairs with a first vote soonest.
        </p>
      </div>
    </fieldset>
  );
}

/** What changing a labelling project's overlap does to the pairs already voted on, said before it is saved. */
export function OverlapChange({ from, to }: { from: number; to: number }) {
  if (!Number.isInteger(to) || to < 1 || to === from) return null;
  return (
    <p className="text-sm text-amber-800" data-testid="overlap-change">
      {to > from
        ? `Raising the overlap from ${from} to ${to}: pairs that had all their ${from} vote${from === 1 ? "" : "s"} go back to the queue for more. Until they get them, exports with "Complete pairs only" (the default) leave them out; untick it to export them with the votes they have.`
        : `Lowering the overlap from ${from} to ${to}: pairs with ${to} vote${to === 1 ? "" : "s"} or more are complete at once, and an annotator who holds one is moved on to another pair.`}
    </p>
  );
}

/**
 * What switching a project under way to another evaluation mode does to its pairs, said before it
 * is saved: who labels from then on, which labels still count, and what must happen next.
 */
export function EvaluationChange({
  from,
  to,
  hasJudge,
}: {
  from: EvaluationModeName;
  to: EvaluationModeName;
  hasJudge: boolean;
}) {
  if (from === to) return null;
  const judged = judgeDecides(to);
  const parts = [`Switching from ${evaluationModeLabels[from]} to ${evaluationModeLabels[to]}:`];
  if (judged && !judgeDecides(from))
    parts.push(
      to === "HYBRID"
        ? "annotators are then served only the pairs the judge sends them (unsure or failed, a low margin, an audit sample), once a judging run has judged them."
        : "annotators are then served only the pairs the judge could not decide, if the judge's settings send them, once a judging run has judged them.",
      hasJudge
        ? "Start a run on the Judging page to judge the pairs."
        : "This project has no judge yet: once saved, choose one in the LLM judge section below and start a run on the Judging page, or no pair gets a judge label.",
    );
  else if (judged)
    parts.push(
      to === "HYBRID"
        ? "pairs with a low margin and an audit sample go to annotators too, beside those the judge could not decide."
        : "only pairs the judge could not decide go to annotators, if the judge's settings send them; low-margin and audit pairs no longer do.",
    );
  else if (to === "HUMAN")
    parts.push(
      "every pair is served to annotators until it has its votes; judge and implicit labels no longer label pairs.",
    );
  else
    parts.push(
      "a pair without votes takes the strong-over-weak rule's label or the imported file's; annotators are still served every pair, and judge labels no longer count.",
    );
  parts.push("Votes already cast, and adjudications, still decide their pairs.");
  return (
    <p className="mt-2 text-sm text-amber-800" data-testid="evaluation-change" aria-live="polite">
      {parts.join(" ")}
    </p>
  );
}
