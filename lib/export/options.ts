import { z } from "zod";

// What an export asks for. Parsed from the query string of GET /api/projects/{id}/export (so
// every field arrives as a string), from the export form, and from `npm run export`.

export const EXPORT_FORMATS = ["trl", "trl_conversational", "orca", "sft", "sft_trl", "sft_conversational"] as const;
export const EXPORT_FILE_TYPES = ["jsonl", "parquet"] as const;
export const EXPORT_SPLITS = ["all", "train", "test"] as const;
export const LABEL_SOURCES = ["human", "judge", "implicit"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ExportFileType = (typeof EXPORT_FILE_TYPES)[number];
export type ExportSplit = (typeof EXPORT_SPLITS)[number];
export type LabelSource = (typeof LABEL_SOURCES)[number];

/**
 * The instruction-data formats: a prompt and its chosen answer, no rejected one. Only they take
 * humanOnly and an instruction run's items (`run`). sft is Alpaca's columns; sft_trl and
 * sft_conversational are the two datasets TRL's SFTTrainer reads (prompt-completion, messages).
 */
export const SFT_FORMATS = ["sft", "sft_trl", "sft_conversational"] as const satisfies readonly ExportFormat[];
export const isSftFormat = (format: ExportFormat) => (SFT_FORMATS as readonly ExportFormat[]).includes(format);

const oneOf = <T extends readonly [string, ...string[]]>(values: T, field: string) =>
  z.enum(values, { error: `${field} must be one of ${values.join(", ")}` });

/** "true"/"false" from a query string, or a real boolean from JSON. */
const flag = (field: string) => z.union([z.boolean(), z.stringbool({ error: `${field} must be true or false` })]);

const number = (field: string, min: number, max: number, int = false) => {
  let n = z.coerce.number({ error: `${field} must be a number` });
  if (int) n = n.int(`${field} must be a whole number`);
  return n
    .min(min, `${field} must be between ${min} and ${max}`)
    .max(max, `${field} must be between ${min} and ${max}`);
};

// Four-digit years only: a later one (from=99999-01-01) is a valid JS date that PostgreSQL
// cannot read back from its six-digit ISO form.
const date = (field: string) =>
  z.coerce
    .date({ error: `${field} must be a date (YYYY-MM-DD or an ISO time)` })
    .min(new Date("0001-01-01T00:00:00Z"), `${field} must be a date between the years 1 and 9999`)
    .max(new Date("9999-12-31T23:59:59.999Z"), `${field} must be a date between the years 1 and 9999`);

/** `to` includes its whole day when given as a date alone (to=2026-01-31 keeps pairs of the 31st). */
const endDate = (field: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? `${v.trim()}T23:59:59.999Z` : v),
    date(field),
  );

/** Comma-separated in a query string (`sources=human,judge`), or an array in JSON. */
const sourceList = z
  .union([
    z.array(z.string()),
    z.string().transform((s) =>
      s
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(oneOf(LABEL_SOURCES, "sources")).min(1, "sources must name at least one of human, judge, implicit"));

/** Options that filter pairs by their votes, labels or dates: an instruction run's items have none. */
const PAIR_ONLY = [
  "minVotes",
  "minAgreement",
  "sources",
  "from",
  "to",
  "includeFlagged",
  "completeOnly",
  "humanOnly",
] as const;

const exportOptionsShape = {
  format: oneOf(EXPORT_FORMATS, "format").default("trl"),
  type: oneOf(EXPORT_FILE_TYPES, "type").default("jsonl"),
  split: oneOf(EXPORT_SPLITS, "split").default("all"),
  /** Share of prompts in the test split (0 to 1), or an exact number of prompts. At most one. */
  testFraction: number("testFraction", 0, 1).optional(),
  testCount: number("testCount", 0, 10_000_000, true).optional(),
  /** Mixed into the hash that splits prompts: the same seed gives the same split. */
  seed: z.string().max(200, "seed must be at most 200 characters").default("pairwise"),
  /** Filters on Pair.createdAt (both ends included). minVotes and minAgreement apply to labels
   *  decided by votes only: adjudicated, judge and implicit rows pass them (use `sources`). */
  minVotes: number("minVotes", 0, 100, true).optional(),
  minAgreement: number("minAgreement", 0, 1).optional(),
  sources: sourceList.optional(),
  from: date("from").optional(),
  to: endDate("to").optional(),
  includeFlagged: flag("includeFlagged").default(false),
  /** Leave out pairs whose vote label rests on fewer than the project's `overlap` votes
   *  (adjudicated pairs are complete). Unset: on when the overlap is above 1. */
  completeOnly: flag("completeOnly").optional(),
  /** Keep one pair per normalised prompt. */
  dedupe: flag("dedupe").default(false),
  /** SFT formats only: keep the rows whose chosen answer a person wrote (the Write tab). */
  humanOnly: flag("humanOnly").default(false),
  /**
   * SFT formats only: the rows are the kept items of this instruction run (Documents → Document runs),
   * not the project's pairs. The pair filters do not apply to them.
   */
  run: z.string().trim().min(1, "run must be a run id").max(100, "run must be a run id").optional(),
  /** Add provenance columns (pair id, models, votes, judge verdicts…). */
  metadata: flag("metadata").default(false),
  /** Written into the dataset card's license field (a Hugging Face license id, e.g. cc-by-4.0). */
  license: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9.+-]{0,63}$/i, "license must be a license id such as cc-by-4.0, apache-2.0 or other")
    .default("other"),
};

const SFT_LIST = `${SFT_FORMATS.slice(0, -1).join(", ")} and ${SFT_FORMATS.at(-1)}`;

const checkCombination = (o: z.output<z.ZodObject<typeof exportOptionsShape>>, ctx: z.RefinementCtx) => {
  if (o.testFraction !== undefined && o.testCount !== undefined) {
    ctx.addIssue({ code: "custom", path: ["testCount"], message: "Give testFraction or testCount, not both" });
  }
  if (o.split !== "all" && o.testFraction === undefined && o.testCount === undefined) {
    ctx.addIssue({ code: "custom", path: ["split"], message: `split=${o.split} needs testFraction or testCount` });
  }
  if (o.humanOnly && !isSftFormat(o.format)) {
    ctx.addIssue({ code: "custom", path: ["humanOnly"], message: `humanOnly applies to the ${SFT_LIST} formats only` });
  }
  if (o.run !== undefined) {
    if (!isSftFormat(o.format))
      ctx.addIssue({ code: "custom", path: ["run"], message: `run applies to the ${SFT_LIST} formats only` });
    for (const field of PAIR_ONLY) {
      const v = o[field];
      if (v !== undefined && v !== false)
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `${field} filters pairs; an instruction run's items have no votes or labels to filter`,
        });
    }
  }
  if (o.from && o.to && o.from > o.to) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "to must not be before from" });
  }
};

/** An export's options, as stored with its snapshot. */
export const exportOptionsSchema = z.object(exportOptionsShape).superRefine(checkCombination);

/**
 * The options as a request gives them. A name the export does not know (a misspelt filter such
 * as minVotez) is refused by the route wrapper's query parsing (lib/api/errors.ts), not ignored,
 * which would hand back a file that silently lacks the filter.
 */
export const exportQuerySchema = z.object(exportOptionsShape).superRefine(checkCombination);

export type ExportOptionsInput = z.input<typeof exportOptionsSchema>;
export type ExportOptions = z.output<typeof exportOptionsSchema>;

/** Why rows were left out; every left-out row is counted under exactly one reason. */
export const EXCLUSION_REASONS = [
  "gold", // a gold pair: it scores the annotators and is never part of the dataset
  "unlabelled", // no label the project's evaluation mode accepts (yet)
  "uncertain", // the judge's two orders disagreed, and no human decided
  "judge_failed", // the judge gave no usable verdict in at least one order, and no human decided
  "incomplete", // completeOnly: the vote label rests on fewer than `overlap` votes
  "split", // the votes split evenly between the leading choices, and no admin decided
  "tie",
  "both_bad",
  "flagged",
  "identical", // chosen and rejected are the same text
  "filtered", // minVotes, minAgreement, sources or the date range
  "duplicate_prompt", // dedupe kept another pair of the same prompt
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** How the export page and the dataset card name each reason. */
export const EXCLUSION_LABELS: Record<ExclusionReason, string> = {
  gold: "gold pairs (used to check annotators)",
  unlabelled: "no label yet",
  uncertain: "uncertain (the judge's two orders disagreed)",
  judge_failed: "judge failed (no usable verdict in at least one order)",
  incomplete: "fewer votes than the overlap asks for",
  split: "split vote (no majority)",
  tie: "tie",
  both_bad: "both bad",
  flagged: "flagged",
  identical: "identical answers",
  filtered: "filtered out",
  duplicate_prompt: "duplicate prompt",
};

export interface ExportCounts {
  /** Rows in each split (train is everything when no test split is asked for). */
  splits: { train: number; test: number };
  excluded: Record<ExclusionReason, number>;
}
