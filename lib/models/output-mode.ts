import type { ModelErrorInfo } from "./errors";
import type { ProviderName } from "./types";

/** An endpoint's "structured output" setting; mirrors the Prisma `OutputMode` enum. */
export type OutputModeSetting = "AUTO" | "JSON_SCHEMA" | "JSON_MODE" | "PROMPT_ONLY";
/** A mode a call actually uses: never AUTO. */
export type OutputMode = Exclude<OutputModeSetting, "AUTO">;

export const OUTPUT_MODE_SETTINGS: readonly OutputModeSetting[] = ["AUTO", "JSON_SCHEMA", "JSON_MODE", "PROMPT_ONLY"];

export const OUTPUT_MODE_LABELS: Record<OutputModeSetting, string> = {
  AUTO: "Automatic",
  JSON_SCHEMA: "JSON schema",
  JSON_MODE: "JSON mode",
  PROMPT_ONLY: "Prompt only",
};

// Strongest guarantee first: each step asks less of the server.
const CHAIN: readonly OutputMode[] = ["JSON_SCHEMA", "JSON_MODE", "PROMPT_ONLY"];

export interface OutputModeConfig {
  provider: ProviderName;
  structuredOutput?: OutputModeSetting | null;
  detectedOutputMode?: OutputMode | null;
}

/** The modes a call may use, from its provider alone (Anthropic has no JSON mode: only a forced tool or plain text). */
export function outputModesOf(provider: ProviderName): OutputMode[] {
  return CHAIN.filter((mode) => provider !== "ANTHROPIC" || mode !== "JSON_MODE");
}

/**
 * The modes a judge call tries, in order. It starts at the admin's setting (AUTO: JSON schema),
 * or further down the chain when a previous call found that the start does not work there, so
 * later calls do not pay for the refused attempt again.
 */
export function outputModesFor(endpoint: OutputModeConfig): OutputMode[] {
  const setting = endpoint.structuredOutput ?? "AUTO";
  const start = Math.max(
    setting === "AUTO" ? 0 : CHAIN.indexOf(setting),
    endpoint.detectedOutputMode ? CHAIN.indexOf(endpoint.detectedOutputMode) : 0,
  );
  const allowed = new Set(outputModesOf(endpoint.provider));
  return CHAIN.slice(start).filter((mode) => allowed.has(mode));
}

/**
 * Whether an error is the server refusing the way the output was asked for (an unsupported
 * response_format, json_schema or forced tool), which the next mode can avoid, rather than a
 * problem with the call itself.
 */
export function rejectsOutputMode(error: ModelErrorInfo): boolean {
  return (
    error.kind === "bad_request" &&
    /response_format|json_schema|json_object|structured output|output_format|tool_choice|\btools?\b|unsupported|not supported/i.test(
      error.message,
    )
  );
}
