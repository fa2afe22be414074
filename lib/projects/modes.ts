import type { EvaluationMode, HumanPairing } from "@/lib/generated/prisma/enums";

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

/** The settings that decide which way of making preference data a project amounts to. */
export interface MethodSettings {
  evaluationMode: EvaluationMode;
  writersPerPrompt: number;
  humanPairing: HumanPairing;
}

export interface PreferenceMethod {
  /** Who writes the answers that are compared. */
  answers: "human" | "llm" | "mixed";
  /** Who decides between them: HYBRID is mixed (the judge first, humans on what it routes). */
  evaluation: "human" | "llm" | "mixed" | "implicit";
  /** The method in plain words, as the project form and the dataset card say it. */
  sentence: string;
}

const ANSWER_WORDS: Record<PreferenceMethod["answers"], string> = {
  human: "Human-generated answers",
  llm: "LLM-generated answers",
  mixed: "Human-written answers compared with LLM-generated ones",
};
const EVALUATION_WORDS: Record<PreferenceMethod["evaluation"], string> = {
  human: "human-evaluated (annotators choose)",
  llm: "LLM-evaluated (an LLM judge chooses)",
  mixed:
    "evaluated by an LLM judge and humans together (the judge first, humans on the pairs it is unsure of and an audit sample)",
  implicit: "evaluated implicitly (the answer expected to be better is taken as chosen, nobody reviews)",
};

/**
 * Which of the book's ways of making preference data the settings amount to: human- or
 * LLM-generated answers (or both, side by side) × human- or LLM-evaluated (or both, or implicit).
 * Imported answers count as LLM-generated: the usual source, and nothing records otherwise.
 */
export function preferenceMethod(s: MethodSettings): PreferenceMethod {
  const answers = s.writersPerPrompt <= 0 ? "llm" : s.humanPairing === "HUMAN" ? "human" : "mixed";
  const evaluation = ({ HUMAN: "human", LLM_JUDGE: "llm", HYBRID: "mixed", IMPLICIT: "implicit" } as const)[
    s.evaluationMode
  ];
  return { answers, evaluation, sentence: `${ANSWER_WORDS[answers]}, ${EVALUATION_WORDS[evaluation]}.` };
}
