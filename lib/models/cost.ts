export interface Pricing {
  /** USD per million tokens. */
  inputPricePerMTok: number;
  outputPricePerMTok: number;
}

/**
 * What one call cost in USD, or null when a token count it depends on is unknown (a provider
 * that reports no usage): a guess would make cost dashboards look precise when they are not.
 */
export function callCostUsd(endpoint: Pricing, inputTokens: number | null, outputTokens: number | null): number | null {
  const parts: [number | null, number][] = [
    [inputTokens, endpoint.inputPricePerMTok],
    [outputTokens, endpoint.outputPricePerMTok],
  ];
  let total = 0;
  for (const [tokens, price] of parts) {
    if (price === 0) continue;
    if (tokens === null) return null;
    total += (tokens * price) / 1_000_000;
  }
  return total;
}
