import "server-only";
import { generateText, NoObjectGeneratedError, Output, type FlexibleSchema } from "ai";
import { classifyModelError, ModelCallError } from "./errors";
import type { OutputMode } from "./output-mode";
import { languageModelFor } from "./provider";
import { logWarningsOnce } from "./sdk-warnings";
import type { ChatMessage, ModelEndpointConfig, ProviderName, SamplingParams } from "./types";

globalThis.AI_SDK_LOG_WARNINGS = logWarningsOnce;

export interface CallModelInput {
  endpoint: ModelEndpointConfig;
  messages: ChatMessage[];
  /** Replace the endpoint's defaults for this call; undefined keeps the default. */
  overrides?: SamplingParams;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Ask the server for JSON: with the schema enforced (JSON_SCHEMA) or any JSON object (JSON_MODE). */
  structured?: StructuredRequest;
}

export interface StructuredRequest {
  mode: Exclude<OutputMode, "PROMPT_ONLY">;
  schema: FlexibleSchema<unknown>;
  /** Named to the provider: the json_schema's name, Anthropic's tool description. */
  name: string;
  description?: string;
}

function outputFor(structured: StructuredRequest | undefined) {
  if (!structured) return undefined;
  const { mode, schema, name, description } = structured;
  return mode === "JSON_SCHEMA" ? Output.object({ schema, name, description }) : Output.json({ name, description });
}

/** The settings actually sent, kept with each candidate as provenance. */
export interface SentParams {
  provider: ProviderName;
  model: string;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
}

export interface CallModelResult {
  text: string;
  /** The AI SDK's unified reason: "stop", "length", "content-filter", "error", "other"… */
  finishReason: string;
  inputTokens: number | null;
  outputTokens: number | null;
  latencyMs: number;
  /** The model that answered, as the provider names it (may be more specific than the id asked for). */
  model: string;
  params: SentParams;
}

function pick(override: number | null | undefined, fallback: number | null | undefined): number | undefined {
  return override ?? fallback ?? undefined;
}

export function sentParams(endpoint: ModelEndpointConfig, overrides: SamplingParams = {}): SentParams {
  const params: SentParams = { provider: endpoint.provider, model: endpoint.modelId };
  const temperature = pick(overrides.temperature, endpoint.temperature);
  const topP = pick(overrides.topP, endpoint.topP);
  const maxTokens = pick(overrides.maxTokens, endpoint.maxTokens);
  const seed = pick(overrides.seed, endpoint.seed);
  // Only what was set: an absent key means "the provider's default", which is what was used.
  if (temperature !== undefined) params.temperature = temperature;
  if (topP !== undefined) params.topP = topP;
  if (maxTokens !== undefined) params.maxTokens = maxTokens;
  if (seed !== undefined) params.seed = seed;
  return params;
}

/**
 * One model call, no retries (the caller decides, using the classification). Throws
 * ModelCallError, whose message is safe to show and store: it never contains the API key.
 */
export async function callModel({
  endpoint,
  messages,
  overrides,
  signal,
  timeoutMs,
  structured,
}: CallModelInput): Promise<CallModelResult> {
  const params = sentParams(endpoint, overrides);
  const timeout = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
  const signals = [signal, timeout].filter((s): s is AbortSignal => s !== undefined);
  const started = performance.now();
  try {
    const result = await generateText({
      model: languageModelFor(endpoint),
      messages,
      allowSystemInMessages: true,
      temperature: params.temperature,
      topP: params.topP,
      maxOutputTokens: params.maxTokens,
      seed: params.seed,
      maxRetries: 0,
      abortSignal: signals.length ? AbortSignal.any(signals) : undefined,
      output: outputFor(structured),
    });
    return {
      text: result.text,
      finishReason: result.finishReason,
      inputTokens: result.usage.inputTokens ?? null,
      outputTokens: result.usage.outputTokens ?? null,
      latencyMs: Math.round(performance.now() - started),
      model: result.response.modelId || endpoint.modelId,
      params,
    };
  } catch (err) {
    // A reply that is not the asked-for JSON is still an answer: the caller judges it (and may
    // fall back to another mode), as it does with plain text.
    if (NoObjectGeneratedError.isInstance(err)) {
      return {
        text: err.text ?? "",
        finishReason: err.finishReason ?? "other",
        inputTokens: err.usage?.inputTokens ?? null,
        outputTokens: err.usage?.outputTokens ?? null,
        latencyMs: Math.round(performance.now() - started),
        model: err.response?.modelId || endpoint.modelId,
        params,
      };
    }
    if (timeoutMs !== undefined && timeout?.aborted && !signal?.aborted) {
      throw new ModelCallError({
        kind: "timeout",
        retryable: true,
        message: `No answer within ${formatMs(timeoutMs)}`,
      });
    }
    throw new ModelCallError(classifyModelError(err, { secrets: [endpoint.apiKey] }));
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
