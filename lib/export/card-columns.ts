import type { ExportFormat } from "./options";

// What each exported column means, for the dataset card. Keyed by the names the export writes;
// a column missing here is still listed, with a neutral description.

const conversational = "a list of messages ({role, content})";

const meanings: Record<string, (format: ExportFormat) => string> = {
  prompt: (f) =>
    f === "trl_conversational"
      ? `the instruction (after the system prompt, if any), as ${conversational}`
      : "the instruction",
  chosen: (f) => (f === "trl_conversational" ? `the preferred answer, as ${conversational}` : "the preferred answer"),
  rejected: (f) => (f === "trl_conversational" ? `the other answer, as ${conversational}` : "the other answer"),
  system: () => "the system prompt (empty when there was none)",
  question: () => "the instruction",
  instruction: () => "the instruction",
  output: () => "the preferred answer, to learn from",
  pair_id: () => "the pair's id in Pairwise",
  source: () => "how the chosen answer was obtained: generated, imported or human (written on the Write tab)",
  generation_mode: () => "how the candidates were made",
  evaluation_mode: () => "how the pair was decided",
  label_source: () => "who decided: human, judge or implicit",
  chosen_model: () => "the model that wrote the chosen answer",
  rejected_model: () => "the model that wrote the rejected answer",
  rejected_source: () => "how the rejected answer was obtained: generated, imported or human",
  chosen_author_id: () => "for a human-written chosen answer, the id of the person who wrote it",
  rejected_author_id: () => "for a human-written rejected answer, the id of the person who wrote it",
  votes: () => "the number of human votes on the pair",
  agreement: () => "the share of human votes for the chosen answer",
  judge_verdicts: () => "the LLM judge's verdict in each order (as shown, then swapped)",
  judge_rationale: () => "the judge's reasoning",
  chosen_edited: () => "whether an annotator rewrote the chosen answer",
  created_at: () => "when the pair was created",
};

export function columnMeaning(column: string, format: ExportFormat): string {
  return meanings[column]?.(format) ?? "provenance column (see the export's metadata option)";
}
