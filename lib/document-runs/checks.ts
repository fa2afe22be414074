import { CONTAMINATION_NGRAM, SENTENCE_ENDS, type DocumentRunSettings } from "./settings";

/**
 * The checks a document run's items went through, as its settings set them, one sentence each
 * (those turned off left out): what the run card and an export's dataset card both say. The
 * chosen text is an answer in an instruction run and an extract copied from the chunk in a
 * preference run. Client-safe.
 */
export function describeChecks(settings: DocumentRunSettings): string[] {
  const f = settings.filters;
  const chosen = settings.mode === "INSTRUCTIONS" ? "answers" : "extracts";
  return [
    f.minChosenChars !== null ? `${chosen} of at least ${f.minChosenChars} characters` : "",
    f.startsUpperCase ? `${chosen} that start with an upper-case letter (in scripts that have one)` : "",
    f.endsWithPunctuation ? `${chosen} that end with ${SENTENCE_ENDS}` : "",
    f.sourcePhrases.length
      ? `instructions that do not name their source (${f.sourcePhrases.map((p) => `"${p}"`).join(", ")})`
      : "",
    settings.nearDuplicateThreshold !== null
      ? `no near-duplicate instructions (Jaccard similarity of word 3-shingles below ${settings.nearDuplicateThreshold}; the first kept)`
      : "",
    settings.evaluationPrompts.length
      ? `no instruction sharing a run of ${CONTAMINATION_NGRAM} words with any of ${settings.evaluationPrompts.length} evaluation prompts`
      : "",
  ].filter(Boolean);
}
