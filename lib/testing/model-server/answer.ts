import { canonicalJson, hash32, mulberry32, uniform } from "./hash";
import { instanceFromSchema } from "./json-schema";
import { capWords, messageText, naturalAnswer, splitWords } from "./text";
import type { ParsedChatRequest, ResponseFormat, StructuredSupport } from "./types";
import { documentItems, documentRequest } from "./document-items";
import { asksForJson, fixtureVerdict, isVerdictSchema, judgedAnswers } from "./verdict";

export type FinishReason = "stop" | "length";

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface Answer {
  content: string;
  finishReason: FinishReason;
  usage: Usage;
  /** JSON content is measured in characters, since it has too few spaces for word counts. */
  json: boolean;
}

/**
 * What the answer depends on. max_tokens is left out on purpose: a capped answer is then a
 * prefix of the uncapped one, as with a real model at fixed sampling settings.
 */
function answerSeed(request: ParsedChatRequest): number {
  const { model, messages, temperature, top_p, seed, response_format } = request;
  return hash32(canonicalJson({ model, messages, temperature, top_p, seed, response_format }));
}

function countTokens(content: string, json: boolean): number {
  return json ? Math.ceil(content.length / 4) : splitWords(content).length;
}

function withUsage(request: ParsedChatRequest, content: string, finishReason: FinishReason, json: boolean): Answer {
  const promptChars = request.messages.reduce((sum, m) => sum + messageText(m).length, 0);
  const prompt_tokens = Math.ceil(promptChars / 4);
  const completion_tokens = countTokens(content, json);
  return {
    content,
    finishReason,
    json,
    usage: { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens },
  };
}

// Share of first judge replies that come back as prose when JSON was only asked for in words.
const PROSE_SHARE = 0.15;

/** The response_format the emulated server acts on: a server without structured output acts on none. */
function honouredFormat(format: ResponseFormat | undefined, structured: StructuredSupport): ResponseFormat | undefined {
  return structured === "none" ? undefined : format;
}

function generatedContent(
  request: ParsedChatRequest,
  structured: StructuredSupport,
): { content: string; json: boolean } {
  const seed = answerSeed(request);
  // A server that ignores response_format loses the JSON the client relied on it for: prose.
  if (structured === "none" && request.response_format && request.response_format.type !== "text") {
    return { content: naturalAnswer(request.model, request.messages, mulberry32(seed)), json: false };
  }
  const format = honouredFormat(request.response_format, structured);
  const judged = judgedAnswers(request.messages);
  const verdict = () => ({ content: JSON.stringify(fixtureVerdict(judged!, seed, request.messages)), json: true });
  // A document run's chunk gets its items whichever way JSON was asked for (schema, JSON mode, words).
  const document = documentRequest(request.messages);
  if (document && (format?.type === "json_schema" || format?.type === "json_object" || asksForJson(request.messages)))
    return { content: JSON.stringify(documentItems(document)), json: true };
  if (format?.type === "json_schema" && format.json_schema.schema !== undefined) {
    if (judged && isVerdictSchema(format.json_schema.schema)) return verdict();
    return { content: JSON.stringify(instanceFromSchema(format.json_schema.schema, seed)), json: true };
  }
  if (format?.type === "json_object" && judged) return verdict();
  // Asked for JSON only in words, a model mostly complies; a repair request (the conversation
  // already holds its earlier reply) always does, so the repair path ends well.
  if (!format && judged && asksForJson(request.messages)) {
    const repair = request.messages.some((m) => m.role === "assistant");
    if (repair || uniform("prose", seed) >= PROSE_SHARE) return verdict();
  }
  const text = naturalAnswer(request.model, request.messages, mulberry32(seed));
  if (format?.type === "json_object") return { content: JSON.stringify({ answer: text }), json: true };
  return { content: text, json: false };
}

/** The hook's text is returned verbatim (scripted judges must get exactly what they asked for). */
export function buildAnswer(
  request: ParsedChatRequest,
  respond?: (r: ParsedChatRequest) => string | undefined,
  structured: StructuredSupport = "full",
): Answer {
  const scripted = respond?.(request);
  if (scripted !== undefined) return withUsage(request, scripted, "stop", false);
  const { content, json } = generatedContent(request, structured);
  const limit = request.max_tokens;
  if (json) {
    const cut = limit !== undefined && content.length > limit * 4;
    return withUsage(request, cut ? content.slice(0, limit * 4) : content, cut ? "length" : "stop", true);
  }
  const capped = capWords(content, limit);
  return withUsage(request, capped.text, capped.cut ? "length" : "stop", false);
}

/** The `truncated` fault: about half of the real answer, flagged as hitting the length limit. */
export function truncateAnswer(request: ParsedChatRequest, answer: Answer): Answer {
  const words = splitWords(answer.content);
  const content =
    words.length > 1 && !answer.json
      ? words.slice(0, Math.ceil(words.length / 2)).join(" ")
      : answer.content.slice(0, Math.ceil(answer.content.length / 2));
  return withUsage(request, content, "length", answer.json);
}
