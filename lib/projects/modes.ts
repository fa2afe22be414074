import type { CandidateSource, EvaluationMode, GenerationMode, HumanPairing } from "@/lib/generated/prisma/enums";

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
  /** IMPORTED: the answers come from files, not from a model Pairwise called. */
  generationMode?: GenerationMode;
  /**
   * Where the answers in the project's pairs actually came from (candidates by source): when
   * given, what the method says of the answers rests on these rather than on the settings.
   */
  answerSources?: Partial<Record<CandidateSource, number>>;
}

export interface PreferenceMethod {
  /**
   * Where the answers that are compared come from: people, a model, files, an author's documents
   * (extracts against a model's answer), people against a model (mixed), or several of these.
   */
  answers: "human" | "llm" | "mixed" | "imported" | "documents" | "several";
  /** Who decides between them: HYBRID is mixed (the judge first, humans on what it routes). */
  evaluation: "human" | "llm" | "mixed" | "implicit";
  /** The method in plain words, as the project form and the dataset card say it. */
  sentence: string;
}

const ANSWER_WORDS: Record<Exclude<PreferenceMethod["answers"], "several">, string> = {
  human: "Human-generated answers",
  llm: "LLM-generated answers",
  mixed: "Human-written answers compared with LLM-generated ones",
  imported: "Imported answers",
  documents: "Extracts of an author's documents compared with LLM-generated answers",
};
const SOURCE_WORDS: Record<CandidateSource, string> = {
  GENERATED: "LLM-generated",
  IMPORTED: "imported",
  HUMAN: "written by people",
  DOCUMENT: "extracts of an author's documents",
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
 * The answers are those of the pairs when their sources are given, else what the settings make.
 */
export function preferenceMethod(s: MethodSettings): PreferenceMethod {
  const evaluation = ({ HUMAN: "human", LLM_JUDGE: "llm", HYBRID: "mixed", IMPLICIT: "implicit" } as const)[
    s.evaluationMode
  ];
  const present = (Object.entries(s.answerSources ?? {}) as [CandidateSource, number][])
    .filter(([, n]) => n > 0)
    .map(([source]) => source);
  const only = (...sources: CandidateSource[]) =>
    present.length === sources.length && sources.every((x) => present.includes(x));
  const answers: PreferenceMethod["answers"] = present.length
    ? only("GENERATED")
      ? "llm"
      : only("IMPORTED")
        ? "imported"
        : only("HUMAN")
          ? "human"
          : only("DOCUMENT", "GENERATED")
            ? "documents"
            : only("HUMAN", "GENERATED")
              ? "mixed"
              : "several"
    : s.writersPerPrompt > 0
      ? s.humanPairing === "HUMAN"
        ? "human"
        : "mixed"
      : s.generationMode === "IMPORTED"
        ? "imported"
        : "llm";
  const answerWords =
    answers === "several"
      ? `Answers from several sources (${present.map((x) => SOURCE_WORDS[x]).join(", ")})`
      : ANSWER_WORDS[answers];
  return { answers, evaluation, sentence: `${answerWords}, ${EVALUATION_WORDS[evaluation]}.` };
}
