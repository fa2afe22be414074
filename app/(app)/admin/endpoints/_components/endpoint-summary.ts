import type { PublicEndpoint } from "@/lib/endpoints/schemas";
import { OUTPUT_MODE_LABELS } from "@/lib/models/output-mode";

/** "temp 0.7 · top-p 0.9 · max 512", or null when the provider's defaults apply throughout. */
export function samplingSummary(e: PublicEndpoint): string | null {
  const parts = [
    e.temperature !== null && `temp ${e.temperature}`,
    e.topP !== null && `top-p ${e.topP}`,
    e.maxTokens !== null && `max ${e.maxTokens}`,
    e.seed !== null && `seed ${e.seed}`,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}

export function limitsSummary(e: PublicEndpoint): string {
  return `${e.concurrencyLimit} concurrent · ${e.requestsPerMinute === null ? "no rpm limit" : `${e.requestsPerMinute}/min`}`;
}

const usd = (n: number) => `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;

export function pricesSummary(e: PublicEndpoint): string {
  return `${usd(e.inputPricePerMTok)} in · ${usd(e.outputPricePerMTok)} out`;
}

/** "JSON schema (found to work)" or "Automatic: not tested yet". */
export function outputModeSummary(e: PublicEndpoint): string {
  const detected = e.detectedOutputMode ? `${OUTPUT_MODE_LABELS[e.detectedOutputMode]} works` : "not tested yet";
  return `Structured output: ${OUTPUT_MODE_LABELS[e.structuredOutput]}${e.structuredOutput === "AUTO" || e.detectedOutputMode ? ` · ${detected}` : ""}`;
}
