import type { CreateEndpointInput, ProviderName, UpdateEndpointInput } from "@/lib/endpoints/schemas";
import type { OutputModeSetting } from "@/lib/models/output-mode";

const text = (data: FormData, name: string) => String(data.get(name) ?? "").trim();

/** A blank optional number means "not set" (null); the server validates the rest. */
function optionalNumber(data: FormData, name: string): number | null {
  const raw = text(data, name);
  return raw === "" ? null : Number(raw);
}

/** Blank leaves the server's default (on create) or the stored value (on edit). */
function numberOrDefault(data: FormData, name: string): number | undefined {
  const raw = text(data, name);
  return raw === "" ? undefined : Number(raw);
}

function common(data: FormData) {
  return {
    name: text(data, "name"),
    provider: text(data, "provider") as ProviderName,
    baseUrl: text(data, "baseUrl") || null,
    modelId: text(data, "modelId"),
    temperature: optionalNumber(data, "temperature"),
    topP: optionalNumber(data, "topP"),
    maxTokens: optionalNumber(data, "maxTokens"),
    seed: optionalNumber(data, "seed"),
    concurrencyLimit: numberOrDefault(data, "concurrencyLimit"),
    requestsPerMinute: optionalNumber(data, "requestsPerMinute"),
    inputPricePerMTok: numberOrDefault(data, "inputPricePerMTok"),
    outputPricePerMTok: numberOrDefault(data, "outputPricePerMTok"),
    structuredOutput: (text(data, "structuredOutput") || "AUTO") as OutputModeSetting,
  };
}

export function createInput(data: FormData): CreateEndpointInput {
  const apiKey = text(data, "apiKey");
  return { ...common(data), ...(apiKey ? { apiKey } : {}) };
}

/** A blank key field keeps the stored key; the "remove" box sends "" to delete it. */
export function updateInput(data: FormData): UpdateEndpointInput {
  const apiKey = data.get("removeApiKey") ? "" : text(data, "apiKey") || undefined;
  return { ...common(data), apiKey };
}
