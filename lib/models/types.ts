/** The providers Pairwise speaks to: the Prisma `Provider` enum. */
import type { Provider } from "@/lib/generated/prisma/enums";

export type ProviderName = Provider;

/** Sampling settings an endpoint fixes by default and a call may override. */
export interface SamplingParams {
  temperature?: number | null;
  topP?: number | null;
  maxTokens?: number | null;
  seed?: number | null;
}

/** Everything needed to call one endpoint, API key decrypted: server-side only, never sent anywhere. */
export interface ModelEndpointConfig extends SamplingParams {
  provider: ProviderName;
  baseUrl?: string | null;
  modelId: string;
  apiKey?: string | null;
}

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}
