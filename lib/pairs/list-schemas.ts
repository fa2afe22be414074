import { z } from "zod";
import { encodeTimeCursor, pageLimit, timeCursorSchema, type TimeCursor } from "@/lib/pagination";

// The Pairs and Disagreements lists' filters, shared by the pages (which keep them in the URL),
// the API route and the pair page's previous/next links. Client-safe: no server imports.

/** A position in the list: the last (or first) row's creation time in ms and its id. */
const cursorSchema = timeCursorSchema;

export type PairCursor = TimeCursor;

export const encodeCursor = encodeTimeCursor;

/** "1" (a checkbox's value in a shareable URL) or a boolean (JSON callers). */
const flag = z
  .union([z.literal("1"), z.literal("0"), z.literal("true"), z.literal("false"), z.boolean()])
  .optional()
  .transform((v) => v === true || v === "1" || v === "true");

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD")
  .refine(
    (s) => s >= "1900-01-01" && !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s),
    "not a date",
  )
  .optional();

/** Outcomes as the review pages name them: "split" is an even split nobody decided, not a tie. */
export const OUTCOME_FILTERS = ["A", "B", "TIE", "BOTH_BAD", "split", "none"] as const;
export const SOURCE_FILTERS = ["GENERATED", "IMPORTED", "HUMAN", "DOCUMENT"] as const;
/**
 * The judge's verdict: given (both orders agreed), uncertain (they did not), failed, none yet, or
 * given and different from the people's outcome (a label the votes or an admin decided).
 */
export const JUDGE_FILTERS = ["agreed", "uncertain", "failed", "none", "disagrees"] as const;
/** Why the judge sent a pair to annotators (the pair's review reason). */
export const REVIEW_FILTERS = ["uncertain", "low_confidence", "audit", "judge_failed"] as const;

/** Filters only: what a shareable list URL and the pair page's previous/next carry. */
export const pairFiltersSchema = z.object({
  // PostgreSQL text cannot hold NUL, and no stored text has one.
  q: z
    .string()
    .max(200, "search is at most 200 characters")
    .transform((s) => s.replaceAll("\u0000", " ").trim())
    .optional(),
  outcome: z.enum(OUTCOME_FILTERS).optional(),
  disagreement: flag,
  unresolved: flag,
  flagged: flag,
  edited: flag,
  /** Gold pairs only. */
  gold: flag,
  source: z.enum(SOURCE_FILTERS).optional(),
  judge: z.enum(JUDGE_FILTERS).optional(),
  review: z.enum(REVIEW_FILTERS).optional(),
  from: day,
  to: day,
});

export const pairListQuerySchema = pairFiltersSchema
  .extend({
    /** The page after this row (older pairs): a page's nextCursor, as every list takes it. */
    cursor: cursorSchema.optional(),
    /** The same as cursor, under the name this list used first. */
    after: cursorSchema.optional(),
    /** The page before this row (newer pairs): a page's prevCursor. */
    before: cursorSchema.optional(),
    limit: pageLimit(50, 200),
  })
  .superRefine((q, ctx) => {
    if (q.cursor && q.after)
      ctx.addIssue({ code: "custom", path: ["after"], message: "after is another name for cursor: give one of them" });
  })
  .transform(({ cursor, ...q }): typeof q => (cursor ? { ...q, after: cursor } : q));

export type PairFilters = z.output<typeof pairFiltersSchema>;
export type PairListQuery = z.output<typeof pairListQuerySchema>;

/** The filters as URL parameters, leaving out those not set, in a stable order. */
export function filtersToParams(f: Partial<PairFilters>): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set("q", f.q);
  if (f.outcome) p.set("outcome", f.outcome);
  for (const k of ["disagreement", "unresolved", "flagged", "edited", "gold"] as const) if (f[k]) p.set(k, "1");
  if (f.source) p.set("source", f.source);
  if (f.judge) p.set("judge", f.judge);
  if (f.review) p.set("review", f.review);
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  return p;
}

/** `path?params`, or `path` when there are none. */
export function withParams(path: string, params: URLSearchParams): string {
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * A list page's URL parameters: empty fields (a filter form submitted with "any") and repeated
 * parameters are dropped; a malformed URL gives the unfiltered list and says why.
 */
export function parseListParams(params: Record<string, string | string[] | undefined>) {
  const given = Object.fromEntries(
    Object.entries(params).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );
  const parsed = pairListQuerySchema.safeParse(given);
  if (parsed.success) return { query: parsed.data, error: null };
  return {
    query: pairListQuerySchema.parse({}),
    error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
  };
}
