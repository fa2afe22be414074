import "server-only";
import { z } from "zod";
import { callModel, type CallModelResult, type StructuredRequest } from "@/lib/models/call";
import { classifyModelError, ModelCallError } from "@/lib/models/errors";
import { sanitizeMessage } from "@/lib/models";
import { outputModesOf, rejectsOutputMode, type OutputMode } from "@/lib/models/output-mode";
import { getEndpointForCall, type EndpointForCall } from "./endpoint-for-call";
import { SecretDecryptionError } from "./crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { rememberOutputMode } from "./output-mode";
import type { EndpointTestResult } from "./schemas";

const TEST_TIMEOUT_MS = 20_000;
// Asked for exactly {"answer": "OK"}; any string answer shows the mode works.
const PROBE_SCHEMA = z.object({ answer: z.literal("OK") });
const PROBE = z.object({ answer: z.string() });
const PROBE_MESSAGES = [
  { role: "user" as const, content: 'Reply with the JSON object {"answer": "OK"} and nothing else.' },
];

function structuredFor(mode: OutputMode): StructuredRequest | undefined {
  return mode === "PROMPT_ONLY" ? undefined : { mode, schema: PROBE_SCHEMA, name: "probe" };
}

function usable(result: CallModelResult): boolean {
  try {
    return PROBE.safeParse(JSON.parse(result.text)).success;
  } catch {
    return false;
  }
}

/**
 * Tries the output modes in order (JSON schema, JSON mode, prompt only) with a tiny schema and
 * returns the first that works: the server accepts it and, for the structured ones, the reply
 * fits. Prompt only works whenever the call does: the judge's repair request covers the rest.
 */
async function detect(endpoint: EndpointForCall): Promise<{ mode: OutputMode; result: CallModelResult }> {
  const modes = outputModesOf(endpoint.provider);
  for (const mode of modes) {
    const last = mode === modes[modes.length - 1];
    try {
      const result = await callModel({
        endpoint,
        messages: PROBE_MESSAGES,
        // Room for a talkative model's JSON: a reply cut short would look like an unsupported mode.
        overrides: { maxTokens: 256, temperature: 0 },
        timeoutMs: TEST_TIMEOUT_MS,
        structured: structuredFor(mode),
      });
      if (last || usable(result)) return { mode, result };
    } catch (err) {
      if (last || !(err instanceof ModelCallError && rejectsOutputMode(err.info))) throw err;
    }
  }
  throw new Error("unreachable: the last mode always returns or throws");
}

/**
 * One tiny call per output mode until one works, so an admin sees at once whether the URL, key
 * and model id work together, and which structured output the server supports (stored for the
 * judge, which then starts there).
 */
export async function testEndpoint(id: string): Promise<EndpointTestResult> {
  // What the result speaks for. An edit saved while the calls run (another base URL, say) made
  // it a different connection, which the result must not be stored as: only a row still as it
  // was is written to.
  const connection = await db.modelEndpoint.findUniqueOrThrow({
    where: { id },
    select: { provider: true, baseUrl: true, modelId: true, structuredOutput: true, apiKeyCiphertext: true },
  });
  const result = await runTest(id, connection);
  // Kept without the reply's text: the page shows the outcome and its time after a reload.
  const kept = result.ok
    ? { ok: true, latencyMs: result.latencyMs, model: result.model, outputMode: result.outputMode }
    : result;
  await db.modelEndpoint.updateMany({
    where: { ...connection, id },
    data: { lastTest: kept, lastTestAt: new Date() },
  });
  return result;
}

async function runTest(id: string, connection: Prisma.ModelEndpointWhereInput): Promise<EndpointTestResult> {
  let endpoint;
  try {
    endpoint = await getEndpointForCall(id);
  } catch (err) {
    if (!(err instanceof SecretDecryptionError)) throw err;
    return {
      ok: false,
      error: {
        kind: "auth",
        message: "The stored API key cannot be decrypted (was APP_SECRET changed?). Enter the key again.",
      },
    };
  }
  try {
    const { mode, result } = await detect(endpoint);
    await rememberOutputMode(endpoint.id, mode, connection);
    // The reply is shown as a sample, made safe as a provider's error text is: the base URL may
    // be a service that answers in OpenAI's shape with what it was sent (the key) or holds.
    const text = sanitizeMessage(result.text, [endpoint.apiKey]);
    return { ok: true, latencyMs: result.latencyMs, model: result.model, text, outputMode: mode };
  } catch (err) {
    const { kind, message, status } = classifyModelError(err, { secrets: [endpoint.apiKey] });
    return { ok: false, error: status === undefined ? { kind, message } : { kind, message, status } };
  }
}
