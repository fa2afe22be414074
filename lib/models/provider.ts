import "server-only";
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import { noRedirectFetch } from "./no-redirect-fetch";
import type { ModelEndpointConfig } from "./types";

/**
 * The model of each endpoint object already called. Building one builds the provider's response
 * schemas (a few hundred zod objects for an OpenAI-compatible chunk): done per call, it cost a
 * worker about 0.3 ms of CPU a call, half of callModel's own. Workers keep one endpoint object
 * per endpoint version, so an edit gets a new model; an object nobody holds any more takes its
 * model with it.
 */
const models = new WeakMap<ModelEndpointConfig, LanguageModel>();

/** The AI SDK model for an endpoint, built once per endpoint object (see `buildModel`). */
export function languageModelFor(endpoint: ModelEndpointConfig): LanguageModel {
  let model = models.get(endpoint);
  if (!model) models.set(endpoint, (model = buildModel(endpoint)));
  return model;
}

/**
 * The AI SDK model for an endpoint. A missing key is passed as "" rather than left undefined:
 * otherwise the SDK would quietly fall back to OPENAI_API_KEY / ANTHROPIC_API_KEY from the
 * server's environment, and an endpoint would bill someone else's account. Every provider gets
 * `noRedirectFetch`: the key is sent to the base URL and nowhere it redirects to.
 */
function buildModel(endpoint: ModelEndpointConfig): LanguageModel {
  const apiKey = endpoint.apiKey ?? "";
  const baseURL = endpoint.baseUrl || undefined;
  switch (endpoint.provider) {
    case "OPENAI":
      // Chat Completions, not the Responses API: it is what every OpenAI-compatible proxy speaks too.
      return createOpenAI({ apiKey, baseURL, fetch: noRedirectFetch }).chat(endpoint.modelId);
    case "ANTHROPIC":
      return createAnthropic({ apiKey, baseURL, fetch: noRedirectFetch })(endpoint.modelId);
    case "OPENAI_COMPATIBLE":
      if (!baseURL) throw new Error("An OpenAI-compatible endpoint needs a base URL");
      return createOpenAICompatible({
        name: "endpoint",
        baseURL,
        // Local servers (Ollama, llama.cpp) often need no key; send no Authorization header then.
        apiKey: endpoint.apiKey || undefined,
        includeUsage: true,
        supportsStructuredOutputs: true,
        fetch: noRedirectFetch,
      })(endpoint.modelId);
  }
}
