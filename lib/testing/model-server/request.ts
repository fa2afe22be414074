import type { ChatMessage, ParsedChatRequest, ResponseFormat } from "./types";

export type ParseResult = { ok: true; request: ParsedChatRequest } | { ok: false; message: string; param?: string };

function fail(message: string, param?: string): ParseResult {
  return { ok: false, message, param };
}

function optionalNumber(body: Record<string, unknown>, key: string): number | undefined | Error {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  return typeof value === "number" && Number.isFinite(value) ? value : new Error(`'${key}' must be a number`);
}

/** Validates a Chat Completions body far enough to answer it; the 400 messages mimic OpenAI's wording. */
export function parseChatRequest(text: string): ParseResult {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail("We could not parse the JSON body of your request. Expected a valid JSON object.");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return fail("The request body must be a JSON object.");
  }
  const raw = body as Record<string, unknown>;
  if (typeof raw.model !== "string" || raw.model === "") return fail("Missing required parameter: 'model'.", "model");
  const messages = raw.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    return fail("Missing required parameter: 'messages' (a non-empty array).", "messages");
  }
  const badIndex = messages.findIndex((m) => m === null || typeof m !== "object" || typeof m.role !== "string");
  if (badIndex >= 0) return fail(`Invalid message at index ${badIndex}: 'role' is required.`, `messages[${badIndex}]`);

  const numbers: Record<string, number | undefined> = {};
  for (const key of ["temperature", "top_p", "max_tokens", "max_completion_tokens", "seed"]) {
    const value = optionalNumber(raw, key);
    if (value instanceof Error) return fail(value.message, key);
    numbers[key] = value;
  }
  const maxTokens = numbers.max_completion_tokens ?? numbers.max_tokens;
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || maxTokens < 1)) {
    return fail("'max_tokens' must be a positive integer.", "max_tokens");
  }
  const format = parseResponseFormat(raw.response_format);
  if (format instanceof Error) return fail(format.message, "response_format");
  const streamOptions = raw.stream_options as { include_usage?: unknown } | undefined;

  return {
    ok: true,
    request: {
      model: raw.model,
      messages: messages as ChatMessage[],
      temperature: numbers.temperature,
      top_p: numbers.top_p,
      max_tokens: maxTokens,
      seed: numbers.seed,
      stream: raw.stream === true,
      include_usage: streamOptions?.include_usage === true,
      response_format: format,
      raw,
      api: "chat",
    },
  };
}

function parseResponseFormat(value: unknown): ResponseFormat | undefined | Error {
  if (value === undefined || value === null) return undefined;
  const type = (value as { type?: unknown }).type;
  if (type === "text" || type === "json_object") return { type };
  if (type === "json_schema") {
    const spec = (value as { json_schema?: unknown }).json_schema;
    if (spec === null || typeof spec !== "object") return new Error("'response_format.json_schema' is required.");
    return { type, json_schema: spec as Extract<ResponseFormat, { type: "json_schema" }>["json_schema"] };
  }
  return new Error(`Invalid 'response_format.type': ${JSON.stringify(type)}.`);
}
