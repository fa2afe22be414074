import { CandidateSource } from "@/lib/generated/prisma/enums";
import { METADATA_COLUMNS } from "./formats";
import type { ExportFileType, ExportFormat } from "./options";

// What each exported column means, for the dataset card. Keyed by the names the export writes;
// a column missing here is still listed, with a neutral description.

const conversational = "a list of messages ({role, content})";

/** What each candidate source means; the source columns write the enum's value in lower case. */
const sourceWords: Record<CandidateSource, string> = {
  GENERATED: "a model's answer",
  IMPORTED: "from an imported file",
  HUMAN: "written by a project member on the Write tab",
  DOCUMENT:
    "an extract copied word for word from an author's document: of a text or markdown file, its characters as uploaded " +
    "(line breaks, indentation, markup); of an HTML page, its text with code kept as written",
};

/** Every value a source column can hold, with its meaning: "generated (…), …, or document (…)". */
const sourceValues = (() => {
  const values = Object.values(CandidateSource).map((s) => `${s.toLowerCase()} (${sourceWords[s]})`);
  return `${values.slice(0, -1).join(", ")} or ${values.at(-1)}`;
})();

/** The file's format and type, and whether its rows are an instruction run's items (the `run` option). */
export interface ColumnContext {
  format: ExportFormat;
  type: ExportFileType;
  items: boolean;
  /** Pair exports: whether the pairs come from document runs (all, some or none of them). */
  documentPairs: "all" | "some" | "none";
}

const itemInstruction = "an instruction a model wrote for the passage, one a user could ask without seeing it";
const itemAnswer = "the answer, rephrased by the model from the author's passage";

/**
 * The columns written as JSON text in Parquet (the JSONL nests them): a reader gets a string, not
 * the list or object the card describes, and must parse it.
 */
const JSON_TEXT = new Set(METADATA_COLUMNS.filter((c) => c.kind === "json").map((c) => c.name));
const parquetJson = "; in this Parquet file it is JSON text (a string column typed JSON): parse it with json.loads";

const documentPromptMetadata =
  "where the prompt came from: source document, the document run (runId), the document (documentId) and the passage (chunkId), as an object";

const meanings: Record<string, (c: ColumnContext) => string> = {
  prompt: ({ format: f, items }) =>
    f === "trl_conversational"
      ? `the instruction (after the system prompt, if any), as ${conversational}`
      : items
        ? itemInstruction
        : "the instruction",
  chosen: ({ format: f }) =>
    f === "trl_conversational" ? `the preferred answer, as ${conversational}` : "the preferred answer",
  rejected: ({ format: f }) =>
    f === "trl_conversational" ? `the other answer, as ${conversational}` : "the other answer",
  system: () => "the system prompt (empty when there was none)",
  question: () => "the instruction",
  instruction: ({ items }) => (items ? itemInstruction : "the instruction"),
  output: ({ items }) => (items ? itemAnswer : "the preferred answer, to learn from"),
  completion: ({ items }) => (items ? itemAnswer : "the preferred answer, to learn from"),
  messages: ({ items }) =>
    items
      ? `the conversation, as ${conversational}: ${itemInstruction} (user), then ${itemAnswer} (assistant)`
      : `the conversation, as ${conversational}: the system prompt (system) when there was one, ` +
        "the instruction (user), then the preferred answer, to learn from (assistant)",
  item_id: () => "the item's id in Pairwise",
  pair_id: () => "the pair's id in Pairwise",
  source: ({ items }) =>
    items ? "document: the row comes from an author's document" : `how the chosen answer was obtained: ${sourceValues}`,
  generation_mode: () => "how the candidates were made",
  evaluation_mode: () => "how the pair was decided",
  label_source: () => "who decided: human, judge or implicit",
  chosen_model: () => "the model that wrote the chosen answer",
  rejected_model: () => "the model that wrote the rejected answer",
  rejected_source: () => `how the rejected answer was obtained: ${sourceValues}`,
  chosen_author_id: () => "for a human-written chosen answer, the id of the person who wrote it",
  rejected_author_id: () => "for a human-written rejected answer, the id of the person who wrote it",
  votes: () => "the number of human votes on the pair",
  agreement: () =>
    "the share of the pair's counted human votes whose choice named the chosen answer, whatever decided the label " +
    "(0 when an adjudication overruled every vote); a vote for a tie or for both bad counts in the total, not for the chosen answer; " +
    "null when the pair has no counted votes",
  judge_verdicts: () =>
    "the LLM judge's judgments of the pair, one per judge of the project's current panel and order (those in the pair's original order first; " +
    "judges no longer on the panel are left out), each as {judge, model, shown_first, winner, score_chosen, score_rejected}: " +
    "judge is the judge endpoint's name and model the model id that answered; " +
    'shown_first is the answer the judge saw first, its "Answer A" ("chosen" or "rejected"); ' +
    'winner is "chosen", "rejected" or "tie"; the scores (1 to 10) are those it gave the chosen and the rejected answer',
  judge_rationale: () =>
    "the judge's reasoning, from the first of judge_verdicts that gave one: " +
    'its "Answer A" is the answer that judgment\'s shown_first names, "Answer B" the other',
  chosen_edited: () => "whether an annotator rewrote the chosen answer",
  created_at: ({ items }) => (items ? "when the item was generated" : "when the pair was created"),
  prompt_metadata: ({ documentPairs }) =>
    documentPairs === "all"
      ? documentPromptMetadata
      : "the columns of the imported file that no field read (a source, a topic, scores), as an object" +
        (documentPairs === "some" ? `; for a prompt from a document run, ${documentPromptMetadata}` : ""),
  run_id: () => "the instruction run that generated the item",
  document_id: () => "the id of the document the passage comes from",
  document_title: ({ items }) =>
    items
      ? "the title of that document"
      : "for a chosen answer copied from an author's document (source document), the title of that document; null otherwise",
  chunk_id: () => "the id of the passage (chunk) the item was generated from",
  chunk_index: () => "the passage's place in its document (0 is the first)",
};

/** What a column of a file holds; `items`, `documentPairs` and `type` default to a JSONL file of pairs. */
export function columnMeaning(
  column: string,
  {
    format,
    type = "jsonl",
    items = false,
    documentPairs = "none",
  }: Pick<ColumnContext, "format"> & Partial<ColumnContext>,
): string {
  const meaning = meanings[column]?.({ format, type, items, documentPairs });
  if (meaning === undefined) return "provenance column (see the export's metadata option)";
  return type === "parquet" && JSON_TEXT.has(column) ? meaning + parquetJson : meaning;
}
