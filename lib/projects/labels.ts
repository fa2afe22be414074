import type { EvaluationModeName, GenerationModeName, HumanPairingName } from "./schemas";

export const generationModeLabels: Record<GenerationModeName, string> = {
  STRONG_WEAK: "Strong vs weak",
  MULTI_SAMPLE: "Several samples",
  IMPORTED: "Imported",
};

export const evaluationModeLabels: Record<EvaluationModeName, string> = {
  HUMAN: "Human",
  LLM_JUDGE: "LLM judge",
  HYBRID: "Hybrid",
  IMPLICIT: "Implicit",
};

export const generationModeHints: Record<GenerationModeName, string> = {
  STRONG_WEAK: "One answer from a strong and one from a weak endpoint per prompt.",
  MULTI_SAMPLE: "Several answers per prompt from one or more endpoints; pairs are formed from them.",
  IMPORTED: "Candidates or whole pairs come from files.",
};

export const evaluationModeHints: Record<EvaluationModeName, string> = {
  HUMAN: "Annotators choose in the browser.",
  LLM_JUDGE: "An LLM judge decides.",
  HYBRID: "The judge first; unsure pairs and an audit sample go to annotators.",
  IMPLICIT: "No evaluation: strong is chosen over weak, or the imported file's label is kept.",
};

export const humanPairingLabels: Record<HumanPairingName, string> = {
  STRONG: "The strong model's answer",
  WEAK: "The weak model's answer",
  HUMAN: "Other human answers",
  SAMPLES: "Every model answer",
};
