import { z } from "zod";
import { idParamsSchema } from "@/lib/params";
import { Provider } from "@/lib/generated/prisma/enums";
import { OUTPUT_MODE_SETTINGS, type OutputMode, type OutputModeSetting } from "@/lib/models/output-mode";

// The providers are the Prisma enum's: a new one is added to the schema and nowhere else but its label.
export const providerSchema = z.enum(Provider);
export type ProviderName = Provider;

export const PROVIDER_LABELS: Record<ProviderName, string> = {
  OPENAI: "OpenAI",
  ANTHROPIC: "Anthropic",
  OPENAI_COMPATIBLE: "OpenAI-compatible",
};

const between = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .min(min, `${label} must be between ${min} and ${max}`)
    .max(max, `${label} must be between ${min} and ${max}`);
const wholeBetween = (label: string, min: number, max: number) =>
  between(label, min, max).int(`${label} must be a whole number`);

// Empty form fields arrive as "" or null; both mean "not set".
const baseUrlSchema = z
  .union([
    z.literal(""),
    z.null(),
    z
      .string()
      .trim()
      .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL" })),
  ])
  .transform((v) => (v ? v : null));

const fields = {
  name: z
    .string({ error: "Enter a name" })
    .trim()
    .min(1, "Enter a name")
    .max(100, "Name must be at most 100 characters"),
  provider: providerSchema,
  baseUrl: baseUrlSchema,
  modelId: z
    .string({ error: "Enter a model id" })
    .trim()
    .min(1, "Enter a model id")
    .max(200, "Model id must be at most 200 characters"),
  temperature: between("Temperature", 0, 2).nullable(),
  topP: between("Top P", 0, 1).nullable(),
  maxTokens: wholeBetween("Max tokens", 1, 200_000).nullable(),
  seed: z
    .number()
    .int("Seed must be a whole number")
    .min(-(2 ** 31))
    .max(2 ** 31 - 1)
    .nullable(),
  concurrencyLimit: wholeBetween("Concurrency", 1, 256),
  requestsPerMinute: z
    .number()
    .int("Requests per minute must be a whole number")
    .min(1, "Requests per minute must be at least 1")
    .max(1_000_000)
    .nullable(),
  inputPricePerMTok: z.number().min(0, "Prices cannot be negative").max(100_000),
  outputPricePerMTok: z.number().min(0, "Prices cannot be negative").max(100_000),
  structuredOutput: z.enum(OUTPUT_MODE_SETTINGS as [OutputModeSetting, ...OutputModeSetting[]], {
    error: "Structured output must be AUTO, JSON_SCHEMA, JSON_MODE or PROMPT_ONLY",
  }),
};

const apiKeySchema = z.string().trim().max(1000, "API key must be at most 1000 characters");

export const BASE_URL_REQUIRED = "An OpenAI-compatible endpoint needs a base URL";
export const KEY_FOR_NEW_SERVER =
  "Enter the API key again (or remove it): a stored key is only sent to the server it was entered for";

export const createEndpointSchema = z
  .object({
    ...fields,
    baseUrl: fields.baseUrl.default(null),
    apiKey: apiKeySchema.optional(),
    temperature: fields.temperature.default(null),
    topP: fields.topP.default(null),
    maxTokens: fields.maxTokens.default(null),
    seed: fields.seed.default(null),
    concurrencyLimit: fields.concurrencyLimit.default(4),
    requestsPerMinute: fields.requestsPerMinute.default(null),
    inputPricePerMTok: fields.inputPricePerMTok.default(0),
    outputPricePerMTok: fields.outputPricePerMTok.default(0),
    structuredOutput: fields.structuredOutput.default("AUTO"),
  })
  .refine((v) => v.provider !== "OPENAI_COMPATIBLE" || v.baseUrl, { path: ["baseUrl"], error: BASE_URL_REQUIRED });
export type CreateEndpointInput = z.input<typeof createEndpointSchema>;

/**
 * Every field optional. `apiKey` absent keeps the stored key, "" removes it. Whether an
 * OpenAI-compatible endpoint keeps a base URL depends on the stored row, so the server checks it.
 */
export const updateEndpointSchema = z
  .object(fields)
  .partial()
  .extend({
    apiKey: apiKeySchema.optional(),
    archived: z.boolean().optional(),
    /**
     * The values the edit form was opened with, by field: the save is refused (409 edit_conflict)
     * if any is no longer the stored one. Scripts that send none are not checked.
     */
    expected: z
      .partialRecord(
        z.enum(Object.keys(fields) as [keyof typeof fields, ...(keyof typeof fields)[]]),
        z.union([z.string(), z.number(), z.boolean(), z.null()]),
      )
      .optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: "Nothing to update" });
export type UpdateEndpointInput = z.input<typeof updateEndpointSchema>;

export const endpointIdParamsSchema = idParamsSchema;

/** An endpoint as the browser sees it: the key only as "••••abcd". */
export interface PublicEndpoint {
  id: string;
  name: string;
  provider: ProviderName;
  baseUrl: string | null;
  modelId: string;
  apiKeyLast4: string | null;
  temperature: number | null;
  topP: number | null;
  maxTokens: number | null;
  seed: number | null;
  concurrencyLimit: number;
  requestsPerMinute: number | null;
  inputPricePerMTok: number;
  outputPricePerMTok: number;
  structuredOutput: OutputModeSetting;
  /** What the Test button or a judge call found to work, and when. */
  detectedOutputMode: OutputMode | null;
  outputModeDetectedAt: string | null;
  /** The last Test's outcome and when it was taken; null until tested, or after the connection changed. */
  lastTest: StoredTestResult | null;
  archivedAt: string | null;
  createdAt: string;
}

export type EndpointTestResult =
  | { ok: true; latencyMs: number; model: string; text: string; outputMode: OutputMode }
  | { ok: false; error: { kind: string; message: string; status?: number } };

/** A Test result as kept on the endpoint: without the reply's text, with the time it was taken. */
export type StoredTestResult = (
  | { ok: true; latencyMs: number; model: string; outputMode: OutputMode }
  | { ok: false; error: { kind: string; message: string; status?: number } }
) & { at: string };
