import { z } from "zod";

// A document run's settings, stored with the run as started (Run.settings) so its funnel can be
// read against the values that produced it. Client-safe: the run form uses the same schema.

/** Phrases that show an instruction was written looking at the text (the book's list, extended). */
export const DEFAULT_SOURCE_PHRASES = [
  "the text",
  "the extract",
  "the excerpt",
  "the author",
  "the passage",
  "the context",
  "the document",
  "this article",
  "the article",
  "according to",
];

/**
 * Near duplicates: two instructions whose sets of 3-word shingles (after lower-casing and keeping
 * only letters and digits) have a Jaccard similarity at or above this are one question asked twice;
 * the first kept wins. 0.7 drops rewordings that change a word or two of a ten-word question.
 */
export const DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.7;

/** Contamination: an instruction sharing a run of this many words with an evaluation prompt is dropped. */
/** What the end-punctuation filter takes, as the run's form, its checks and its drop reasons name it. */
export const SENTENCE_ENDS = "a sentence's end punctuation (. ! ? 。 ？ ！ ؟ । …)";

export const CONTAMINATION_NGRAM = 13;

export const documentRunFiltersSchema = z.object({
  /** The chosen text (the answer, or the extract) must be at least this long; null turns it off. */
  minChosenChars: z.int().min(1).max(100_000).nullable().default(100),
  startsUpperCase: z.boolean().default(true),
  endsWithPunctuation: z.boolean().default(true),
  /** Instructions naming their source are dropped; an empty list turns it off. */
  sourcePhrases: z.array(z.string().trim().min(1).max(100)).max(100).default(DEFAULT_SOURCE_PHRASES),
});
export type DocumentRunFilters = z.output<typeof documentRunFiltersSchema>;

export const DOCUMENT_RUN_MODES = ["INSTRUCTIONS", "PREFERENCES"] as const;
export type DocumentRunMode = (typeof DOCUMENT_RUN_MODES)[number];
export const documentRunModeLabels: Record<DocumentRunMode, string> = {
  INSTRUCTIONS: "Instructions and answers (SFT)",
  PREFERENCES: "Preference triples",
};

/**
 * The chunk settings that cut the chunks a run reads, recorded when it starts (the project's may
 * change afterwards). In characters; the overlap in whole units (sentences) from the chunk before.
 */
export const runChunkingSchema = z.object({
  minChars: z.int(),
  maxChars: z.int(),
  overlapSentences: z.int(),
  shortDocuments: z.enum(["KEEP", "DROP"]),
});
export type RunChunking = z.output<typeof runChunkingSchema>;

export const documentRunSettingsSchema = z.object({
  mode: z.enum(DOCUMENT_RUN_MODES),
  itemsPerChunk: z.int().min(1).max(10).default(3),
  generatorEndpointId: z.string().min(1),
  /** PREFERENCES: the endpoint asked for the rejected answers; null means the generator. */
  rejectedEndpointId: z.string().min(1).nullable().default(null),
  filters: documentRunFiltersSchema.default(documentRunFiltersSchema.parse({})),
  /** Null turns near-duplicate removal off. */
  nearDuplicateThreshold: z.number().min(0.1).max(1).nullable().default(DEFAULT_NEAR_DUPLICATE_THRESHOLD),
  /** Prompts of an evaluation set the data must not leak into (read from a JSONL file). */
  evaluationPrompts: z.array(z.string()).max(100_000).default([]),
  /**
   * NEW: only the chunks no earlier run of the same mode has worked on (a task done for them), so
   * documents added since the last run cost only their own chunks; ALL: every chunk again.
   */
  chunks: z.enum(["NEW", "ALL"]).default("NEW"),
  /** Set by the server when the run starts; null for runs started before it was recorded. */
  chunking: runChunkingSchema.nullable().default(null),
});
export type DocumentRunSettings = z.output<typeof documentRunSettingsSchema>;
export type DocumentRunSettingsInput = z.input<typeof documentRunSettingsSchema>;

/** The form's input: the evaluation set arrives as the text of a JSONL file. */
export const startDocumentRunSchema = documentRunSettingsSchema
  .omit({ evaluationPrompts: true, chunking: true })
  .extend({
    evaluationJsonl: z.string().max(20_000_000).optional(),
  });
export type StartDocumentRunInput = z.input<typeof startDocumentRunSchema>;

export const runKindOf = (mode: DocumentRunMode) => (mode === "INSTRUCTIONS" ? "DOC_INSTRUCTIONS" : "DOC_PREFERENCES");
