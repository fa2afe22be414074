import type { PublicEndpoint } from "@/lib/endpoints/schemas";

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
