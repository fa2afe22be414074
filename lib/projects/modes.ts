import type { EvaluationMode } from "@/lib/generated/prisma/enums";

// Which evaluation modes put the LLM judge to work: the judging page and run, routing of unsure
// pairs to annotators, the annotators' queue (which then serves routed pairs only), the export's
// accepted labels and the dataset card all ask this one question.

export const JUDGED_MODES = ["LLM_JUDGE", "HYBRID"] as const satisfies readonly EvaluationMode[];

/** The judge decides pairs (alone, or first with humans after it). */
export function judgeDecides(mode: EvaluationMode): boolean {
  return (JUDGED_MODES as readonly string[]).includes(mode);
}

/** Humans label pairs in the browser as the mode's main work (not only what the judge routes). */
export function humansDecide(mode: EvaluationMode): boolean {
  return mode === "HUMAN" || mode === "HYBRID";
}

/** `judgeDecides` as SQL over an expression holding the mode. */
export const judgeDecidesSql = (mode: string) => `${mode} IN (${JUDGED_MODES.map((m) => `'${m}'`).join(", ")})`;
