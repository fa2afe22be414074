import { z } from "zod";
import { idParamsSchema } from "@/lib/params";
import { EvaluationMode, GenerationMode, HumanPairing, QueueStrategy } from "@/lib/generated/prisma/enums";
import { MAX_PANEL_JUDGES } from "@/lib/judging/panel";
import { RUBRIC_MAX_CHARS } from "@/lib/judging/rubric";

export const generationModeSchema = z.enum(GenerationMode, { error: "Choose a generation mode" });
export const evaluationModeSchema = z.enum(EvaluationMode, { error: "Choose an evaluation mode" });
export type GenerationModeName = z.infer<typeof generationModeSchema>;
export const queueStrategySchema = z.enum(QueueStrategy, { error: "The queue order is BREADTH_FIRST or DEPTH_FIRST" });
export type QueueStrategyName = z.infer<typeof queueStrategySchema>;
export type EvaluationModeName = z.infer<typeof evaluationModeSchema>;
export const humanPairingSchema = z.enum(HumanPairing, { error: "Human answers are paired with: choose a rule" });
export type HumanPairingName = z.infer<typeof humanPairingSchema>;

export const LIMITS = {
  name: 120,
  description: 5_000,
  guidelines: 50_000,
  systemPrompt: 20_000,
  samplesPerPrompt: { min: 2, max: 16 },
  maxPairsPerPrompt: { min: 1, max: 120 },
  overlap: { min: 1, max: 10 },
  writersPerPrompt: { min: 0, max: 10 },
  minAnswerChars: { min: 1, max: 10_000 },
} as const;

const int = (label: string, { min, max }: { min: number; max: number }) =>
  z
    .number({ error: `${label} must be a whole number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be between ${min} and ${max}`)
    .max(max, `${label} must be between ${min} and ${max}`);

/** A project's name, wherever a project is named (Settings, a new project from a document run). */
export const projectNameSchema = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(LIMITS.name, `Name must be at most ${LIMITS.name} characters`);

const projectFields = {
  name: projectNameSchema,
  description: z
    .string()
    .trim()
    .max(LIMITS.description, `Description must be at most ${LIMITS.description} characters`),
  guidelines: z
    .string()
    .max(LIMITS.guidelines, `Guidelines must be at most ${LIMITS.guidelines.toLocaleString("en")} characters`),
  // An empty system prompt means none; stored as null.
  systemPrompt: z
    .string()
    .max(LIMITS.systemPrompt, `System prompt must be at most ${LIMITS.systemPrompt.toLocaleString("en")} characters`)
    .nullable()
    .transform((v) => (v?.trim() ? v : null)),
  generationMode: generationModeSchema,
  evaluationMode: evaluationModeSchema,
  samplesPerPrompt: int("Samples per prompt", LIMITS.samplesPerPrompt),
  maxPairsPerPrompt: int("Pairs per prompt", LIMITS.maxPairsPerPrompt),
  allowFlawedInPairs: z.boolean(),
  overlap: int("Votes per pair", LIMITS.overlap),
  writersPerPrompt: int("Writers per prompt", LIMITS.writersPerPrompt),
  minAnswerChars: int("Minimum answer length", LIMITS.minAnswerChars),
  humanPairing: humanPairingSchema,
  queueStrategy: queueStrategySchema,
};

/** The LLM judge's settings (LLM_JUDGE and HYBRID projects). */
const judgeFields = {
  // An empty rubric means the default one; stored as null.
  judgeRubric: z
    .string({ error: "Rubric must be text" })
    .max(RUBRIC_MAX_CHARS, `Rubric must be at most ${RUBRIC_MAX_CHARS.toLocaleString("en")} characters`)
    .nullable()
    .transform((v) => (v?.trim() ? v : null)),
  uncertainToHumans: z.boolean({ error: "Sending uncertain pairs to humans must be true or false" }),
  confidenceThreshold: z
    .number({ error: "Confidence threshold must be a number" })
    .min(0, "Confidence threshold must be between 0 and 9 points")
    .max(9, "Confidence threshold must be between 0 and 9 points"),
  auditShare: z
    .number({ error: "Audit share must be a number" })
    .min(0, "Audit share must be between 0 and 1")
    .max(1, "Audit share must be between 0 and 1"),
};

/** Gold pairs and the trust rule (lib/trust). */
const goldFields = {
  goldRate: z
    .number({ error: "Gold rate must be a number" })
    .min(0, "Gold rate must be between 0% and 50%")
    .max(0.5, "Gold rate must be between 0% and 50%"),
  // null: the rule is off.
  trustMinAccuracy: z
    .number({ error: "Lowest gold accuracy must be a number" })
    .gt(0, "Lowest gold accuracy must be above 0% and at most 100%")
    .max(1, "Lowest gold accuracy must be above 0% and at most 100%")
    .nullable(),
  trustMinGold: int("Gold answers needed", { min: 1, max: 10_000 }),
};

/** The settings that decide whether a combination makes sense (see projectRuleIssues). */
export interface ProjectRuleInput {
  generationMode: GenerationModeName;
  evaluationMode: EvaluationModeName;
  samplesPerPrompt: number;
  maxPairsPerPrompt: number;
  /** Absent: the project takes no written answers (callers checking other rules only). */
  writersPerPrompt?: number;
  humanPairing?: HumanPairingName;
}

/** Pairs n answers can form: n·(n−1)/2. */
export const pairsFrom = (answers: number) => (answers * (answers - 1)) / 2;

/**
 * Cross-field rules, shared by create (in the schema) and update (after merging with the stored
 * project). `samplers` is the number of sampler endpoints; before any is chosen, one is assumed.
 */
export function projectRuleIssues(p: ProjectRuleInput, samplers = 1): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  if (p.evaluationMode === "IMPLICIT" && p.generationMode === "MULTI_SAMPLE") {
    issues.push({
      path: ["evaluationMode"],
      message:
        "Implicit evaluation works only with strong-vs-weak (strong is chosen) or imported pairs (the file's label); " +
        "with several samples nothing says which answer is better",
    });
  }
  issues.push(...writtenAnswerIssues(p));
  if (p.generationMode === "MULTI_SAMPLE") {
    const answers = p.samplesPerPrompt * Math.max(1, samplers);
    const most = pairsFrom(answers);
    if (p.maxPairsPerPrompt > most) {
      issues.push({
        path: ["maxPairsPerPrompt"],
        message: `${answers} answers per prompt form at most ${most} pair${most === 1 ? "" : "s"}; lower the pairs per prompt or raise the samples`,
      });
    }
  }
  return issues;
}

/** Which pairing rules each generation mode offers for human answers. */
export const HUMAN_PAIRINGS: Record<GenerationModeName, HumanPairingName[]> = {
  STRONG_WEAK: ["STRONG", "WEAK", "HUMAN"],
  MULTI_SAMPLE: ["SAMPLES", "HUMAN"],
  IMPORTED: ["SAMPLES", "HUMAN"],
};

function writtenAnswerIssues(p: ProjectRuleInput): { path: string[]; message: string }[] {
  const writers = p.writersPerPrompt ?? 0;
  if (writers <= 0) return [];
  if (p.evaluationMode === "IMPLICIT") {
    return [
      {
        path: ["writersPerPrompt"],
        message: "Implicit evaluation has no label for a written answer; choose another evaluation or no writers",
      },
    ];
  }
  const pairing = p.humanPairing ?? "STRONG";
  if (!HUMAN_PAIRINGS[p.generationMode].includes(pairing)) {
    return [
      {
        path: ["humanPairing"],
        message:
          p.generationMode === "STRONG_WEAK"
            ? "With strong vs weak answers, pair human answers with the strong, the weak or other human answers"
            : "Without strong and weak endpoints, pair human answers with every model answer or with other human answers",
      },
    ];
  }
  if (pairing === "HUMAN" && writers < 2) {
    return [
      {
        path: ["writersPerPrompt"],
        message: "Pairing human answers with each other needs at least 2 writers per prompt",
      },
    ];
  }
  return [];
}

export const createProjectSchema = z
  .object({
    ...projectFields,
    description: projectFields.description.default(""),
    guidelines: projectFields.guidelines.default(""),
    systemPrompt: projectFields.systemPrompt.optional().transform((v) => v ?? null),
    evaluationMode: evaluationModeSchema.default("HUMAN"),
    samplesPerPrompt: projectFields.samplesPerPrompt.default(2),
    maxPairsPerPrompt: projectFields.maxPairsPerPrompt.default(1),
    allowFlawedInPairs: z.boolean().default(false),
    overlap: projectFields.overlap.default(1),
    queueStrategy: projectFields.queueStrategy.default("BREADTH_FIRST"),
    judgeRubric: judgeFields.judgeRubric.optional().transform((v) => v ?? null),
    uncertainToHumans: judgeFields.uncertainToHumans.default(true),
    confidenceThreshold: judgeFields.confidenceThreshold.default(2),
    auditShare: judgeFields.auditShare.default(0.1),
    goldRate: goldFields.goldRate.default(0.05),
    trustMinAccuracy: goldFields.trustMinAccuracy.default(null),
    trustMinGold: goldFields.trustMinGold.default(10),
    writersPerPrompt: projectFields.writersPerPrompt.default(0),
    minAnswerChars: projectFields.minAnswerChars.default(20),
    humanPairing: projectFields.humanPairing.default("STRONG"),
  })
  .superRefine((p, ctx) => {
    for (const issue of projectRuleIssues(p)) ctx.addIssue({ code: "custom", ...issue });
  });
export type CreateProjectInput = z.input<typeof createProjectSchema>;

/**
 * Optimistic concurrency for settings forms: the values the form was loaded with, by field. A
 * save is refused (409 edit_conflict) when any of them is no longer the stored one, so that a
 * form opened before someone else's change cannot silently undo it. API clients that send none
 * are not checked.
 */
export const expectedSettingsSchema = z.record(
  z.string().max(100),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);
export type ExpectedSettings = z.infer<typeof expectedSettingsSchema>;

export const updateProjectSchema = z
  .object({
    name: projectFields.name,
    description: projectFields.description,
    guidelines: projectFields.guidelines,
    systemPrompt: projectFields.systemPrompt,
    generationMode: projectFields.generationMode,
    evaluationMode: projectFields.evaluationMode,
    samplesPerPrompt: projectFields.samplesPerPrompt,
    maxPairsPerPrompt: projectFields.maxPairsPerPrompt,
    allowFlawedInPairs: projectFields.allowFlawedInPairs,
    overlap: projectFields.overlap,
    writersPerPrompt: projectFields.writersPerPrompt,
    minAnswerChars: projectFields.minAnswerChars,
    humanPairing: projectFields.humanPairing,
    queueStrategy: projectFields.queueStrategy,
    ...judgeFields,
    ...goldFields,
    archived: z.boolean(),
    expected: expectedSettingsSchema,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { error: "Nothing to update" });
export type UpdateProjectInput = z.input<typeof updateProjectSchema>;

export const projectIdParamsSchema = idParamsSchema;
export const memberParamsSchema = projectIdParamsSchema.extend({ userId: z.string().min(1).max(100) });

/** What the projects list is narrowed to: names holding this text, in any case. */
export const projectSearchSchema = z
  .string()
  .trim()
  .max(LIMITS.name, `Search must be at most ${LIMITS.name} characters`)
  .optional();

export const listProjectsQuerySchema = z.object({
  includeArchived: z.stringbool().optional(),
  q: projectSearchSchema,
});

export const addMemberSchema = z.object({
  userId: z.string({ error: "Choose a user" }).min(1, "Choose a user").max(100),
});
export type AddMemberInput = z.input<typeof addMemberSchema>;

const endpointId = z.string().min(1, "Choose an endpoint").max(100);

/** Where an id repeats in a list, the issue at its second place. */
const listedTwice = (ids: string[], ctx: z.RefinementCtx) =>
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: [i], message: "This endpoint is listed twice" });
  });

/**
 * The judge: one endpoint id, or a panel of up to three distinct ones (a list); always a list
 * once parsed. The panel decides each pair by majority (lib/judging/panel.ts).
 */
export const judgePanelSchema = z
  .union([z.string(), z.array(z.string())], { error: "judge must be an endpoint id or a list of them" })
  .transform((v) => (typeof v === "string" ? [v] : v))
  .pipe(
    z
      .array(endpointId)
      .min(1, "Choose at least one judge endpoint, or none")
      .max(MAX_PANEL_JUDGES, `A panel has at most ${MAX_PANEL_JUDGES} judges`)
      .superRefine(listedTwice),
  );

export const setProjectEndpointsSchema = z.object({
  strong: endpointId.optional(),
  weak: endpointId.optional(),
  samplers: z.array(endpointId).max(20, "At most 20 sampler endpoints").optional(),
  // Absent: the judges stay as they are (and without strong, weak or samplers, so do they); null: no judge.
  judge: judgePanelSchema.nullable().optional(),
});
export type SetProjectEndpointsInput = z.input<typeof setProjectEndpointsSchema>;
