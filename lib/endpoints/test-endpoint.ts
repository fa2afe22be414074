import "server-only";
import { callModel } from "@/lib/models/call";
import { classifyModelError } from "@/lib/models/errors";
import { getEndpointForCall } from "./endpoint-for-call";
import { SecretDecryptionError } from "./crypto";
import type { EndpointTestResult } from "./schemas";

const TEST_TIMEOUT_MS = 20_000;

/** One tiny call, so an admin sees at once whether the URL, key and model id work together. */
export async function testEndpoint(id: string): Promise<EndpointTestResult> {
  let endpoint;
  try {
    endpoint = await getEndpointForCall(id);
  } catch (err) {
    if (!(err instanceof SecretDecryptionError)) throw err;
    return { ok: false, error: { kind: "auth", message: "The stored API key cannot be decrypted (was APP_SECRET changed?). Enter the key again." } };
  }
  try {
    const result = await callModel({
      endpoint,
      messages: [{ role: "user", content: "Reply with OK" }],
      overrides: { maxTokens: 16 },
      timeoutMs: TEST_TIMEOUT_MS,
    });
    return { ok: true, latencyMs: result.latencyMs, model: result.model, text: result.text };
  } catch (err) {
    const { kind, message, status } = classifyModelError(err, { secrets: [endpoint.apiKey] });
    return { ok: false, error: status === undefined ? { kind, message } : { kind, message, status } };
  }
}
