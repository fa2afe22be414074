import "server-only";
import { db } from "@/lib/db";
import type { OutputMode, OutputModeSetting } from "@/lib/models/output-mode";
import type { ModelEndpointConfig } from "@/lib/models/types";
import { decryptSecret } from "./crypto";

/** An endpoint ready to call, API key decrypted. Server-side only: never return it from a route. */
export interface EndpointForCall extends ModelEndpointConfig {
  id: string;
  name: string;
  apiKey: string | null;
  concurrencyLimit: number;
  requestsPerMinute: number | null;
  inputPricePerMTok: number;
  outputPricePerMTok: number;
  archivedAt: Date | null;
  structuredOutput: OutputModeSetting;
  detectedOutputMode: OutputMode | null;
}

/**
 * For generation workers and the endpoint test: the one place the stored key is decrypted.
 * Throws Prisma's P2025 when the endpoint does not exist, and SecretDecryptionError when
 * APP_SECRET changed since the key was saved.
 */
export async function getEndpointForCall(id: string): Promise<EndpointForCall> {
  const row = await db.modelEndpoint.findUniqueOrThrow({ where: { id }, omit: { apiKeyCiphertext: false } });
  const {
    apiKeyCiphertext,
    apiKeyLast4: _last4,
    createdAt: _c,
    updatedAt: _u,
    outputModeDetectedAt: _d,
    detectedOutputMode,
    ...rest
  } = row;
  // Only a mode found to work is ever stored; AUTO there would be meaningless, so it reads as none.
  const detected = detectedOutputMode === "AUTO" ? null : detectedOutputMode;
  return { ...rest, detectedOutputMode: detected, apiKey: apiKeyCiphertext ? decryptSecret(apiKeyCiphertext) : null };
}
