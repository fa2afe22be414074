import { z } from "zod";
import { clip } from "@/lib/clip";

const score = (key: string) =>
  z
    .number({ error: `${key} must be a whole number from 1 to 10` })
    .int(`${key} must be a whole number from 1 to 10`)
    .min(1, `${key} must be a whole number from 1 to 10`)
    .max(10, `${key} must be a whole number from 1 to 10`);

/**
 * The judge's reply, in position terms (A is the answer shown first). Case and spacing of the
 * winner are forgiven; anything else wrong is named, so the repair message can say what.
 */
export const judgeVerdictSchema = z.object({
  winner: z.preprocess(
    (v) => (typeof v === "string" ? (/^\s*tie\s*$/i.test(v) ? "tie" : v.trim().toUpperCase()) : v),
    z.enum(["A", "B", "tie"], { error: 'winner must be "A", "B" or "tie"' }),
  ),
  score_a: score("score_a"),
  score_b: score("score_b"),
  rationale: z
    .string({ error: "rationale must be a string" })
    .trim()
    .min(1, "rationale must not be empty")
    // A long rationale is still a usable verdict: kept short rather than refused.
    .transform((s) => clip(s, 2000)),
});
export type JudgeVerdict = z.output<typeof judgeVerdictSchema>;

export const startJudgingSchema = z.object({
  rejudgeFailed: z.boolean({ error: "rejudgeFailed must be true or false" }).default(false),
});
