import type { IncomingMessage } from "node:http";
import { buildAnswer, truncateAnswer } from "./answer";
import { admitted, faultAfterLatency, type ServerContext } from "./chat";
import { hash32, canonicalJson, uniform } from "./hash";
import { readBody, type Reply } from "./http";
import { instanceFromSchema, type JsonSchema } from "./json-schema";
import { messageText } from "./text";
import type { ChatMessage, ParsedChatRequest } from "./types";
import type { ResolvedOptions } from "./options";
import { documentItems, documentRequest } from "./document-items";
import { fixtureVerdict, isVerdictSchema, judgedAnswers } from "./verdict";

// Anthropic's Messages API (POST /v1/messages), far enough for @ai-sdk/anthropic: x-api-key, a
// system field, content blocks, tools answered with a tool_use block, usage and stop_reason.
// Limits, latency, jitter and injected faults act as on the Chat Completions route, with
// Anthropic's error shapes: 429 rate_limit_error, 500 api_error, 529 overloaded_error.

interface Tool {
  name: string;
  input_schema?: JsonSchema;
}

function error(reply: Reply, status: number, type: string, message: string): void {
  reply.json(status, { type: "error", error: { type, message } });
}

/** Text of a system field or content, whether a string or an array of blocks. */
function blocksText(value: unknown): string {
  if (typeof value === "string") return value;
  return messageText({ role: "x", content: value });
}

function toolToUse(body: Record<string, unknown>): Tool | undefined {
  const tools = Array.isArray(body.tools) ? (body.tools as Tool[]) : [];
  const choice = body.tool_choice as { type?: string; name?: string } | undefined;
  if (!tools.length || !choice || choice.type === "none" || choice.type === "auto") return undefined;
  return choice.type === "tool" ? tools.find((t) => t.name === choice.name) : tools[0];
}

export async function handleMessages(ctx: ServerContext, req: IncomingMessage, reply: Reply): Promise<void> {
  const options = ctx.options();
  const key = req.headers["x-api-key"];
  const credential = typeof key === "string" ? key : undefined;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(await readBody(req)) as Record<string, unknown>;
  } catch {
    return error(reply, 400, "invalid_request_error", "The request body is not valid JSON.");
  }
  const model = typeof body.model === "string" ? body.model : "";
  const messages = Array.isArray(body.messages) ? (body.messages as ChatMessage[]) : [];
  // The hook sees what a chat server would: the system text as a first message, blocks as text.
  const request: ParsedChatRequest = {
    model,
    messages: [
      ...(body.system ? [{ role: "system", content: blocksText(body.system) }] : []),
      ...messages.map((m) => ({ role: m.role, content: blocksText(m.content) })),
    ],
    temperature: typeof body.temperature === "number" ? body.temperature : undefined,
    top_p: typeof body.top_p === "number" ? body.top_p : undefined,
    max_tokens: typeof body.max_tokens === "number" ? body.max_tokens : undefined,
    stream: body.stream === true,
    include_usage: true,
    raw: body,
    api: "messages",
    credential,
  };
  // Seen before the key check, so a test can tell which key a refused call carried.
  options.onRequest?.(request);
  if (!credential) return error(reply, 401, "authentication_error", "x-api-key header is required");
  if (options.apiKey !== undefined && credential !== options.apiKey)
    return error(reply, 401, "authentication_error", "invalid x-api-key");
  if (!model || !messages.length || typeof body.max_tokens !== "number") {
    return error(reply, 400, "invalid_request_error", "model, messages and max_tokens are required.");
  }
  if (request.stream)
    return error(reply, 400, "invalid_request_error", "The test fixture does not stream Messages responses.");
  if (!options.models.includes(model)) return error(reply, 404, "not_found_error", `model: ${model}`);
  ctx.stats.model(model);
  const refuse = (reason: string) => rateLimited(reply, options, reason);
  await admitted(ctx, reply, options, refuse, () => serveAdmitted(ctx, body, request, reply, options));
}

/** Anthropic's 429: its error shape, with the Retry-After header it sends. */
function rateLimited(reply: Reply, options: ResolvedOptions, reason: string): void {
  reply.json(
    429,
    { type: "error", error: { type: "rate_limit_error", message: `Rate limit reached for test fixture: ${reason}.` } },
    { "retry-after": String(options.retryAfterSeconds) },
  );
}

async function serveAdmitted(
  ctx: ServerContext,
  body: Record<string, unknown>,
  request: ParsedChatRequest,
  reply: Reply,
  options: ResolvedOptions,
): Promise<void> {
  const canonical = canonicalJson(body);
  const drawn = await faultAfterLatency(ctx, canonical, reply, options);
  if (!drawn) return;
  const { fault, attempt } = drawn;
  if (fault === "429") return rateLimited(reply, options, "injected fault");
  if (fault === "500") {
    // Anthropic answers 529 when it is overloaded and 500 for its own errors: half of each.
    if (uniform("overloaded", options.seed, canonical, attempt) < 0.5)
      return error(reply, 529, "overloaded_error", "Overloaded (injected fault)");
    return error(reply, 500, "api_error", "Internal server error (injected fault)");
  }

  const seed = hash32(canonical);
  let scripted: string | undefined;
  try {
    scripted = options.respond?.(request);
  } catch (err) {
    return error(reply, 500, "api_error", `respond hook failed: ${(err as Error).message}`);
  }
  const answer = buildAnswer(request, () => scripted, options.structured);
  const tool = toolToUse(body);
  const input = tool ? toolInput(tool, request, scripted, seed) : undefined;
  let content: unknown[];
  let stopReason = answer.finishReason === "length" ? "max_tokens" : "end_turn";
  let outputTokens = answer.json ? undefined : answer.usage.completion_tokens;
  if (fault === "truncated") {
    // Cut at the token limit: half of what would have come, as text (a tool's input, cut, is no tool call).
    const whole = input === undefined ? answer : { ...answer, content: JSON.stringify(input), json: true };
    const cut = truncateAnswer(request, whole);
    content = [{ type: "text", text: cut.content }];
    stopReason = "max_tokens";
    outputTokens = cut.usage.completion_tokens;
  } else if (input !== undefined) {
    content = [{ type: "tool_use", id: `toolu_fixture_${seed.toString(16)}`, name: tool!.name, input }];
    stopReason = "tool_use";
  } else {
    content = [{ type: "text", text: answer.content }];
  }
  const usage = {
    input_tokens: answer.usage.prompt_tokens,
    output_tokens: outputTokens ?? Math.ceil(JSON.stringify(content).length / 4),
  };
  const message = {
    id: `msg_fixture_${hash32(canonical, attempt).toString(16)}`,
    type: "message",
    role: "assistant",
    model: request.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage,
  };
  if (fault === "malformed") {
    // A 200 whose body breaks off mid-JSON: no message, and no tool input, can be read from it.
    const text = JSON.stringify(message);
    return reply.raw(200, text.slice(0, Math.floor(text.length / 2)));
  }
  reply.json(200, message);
  ctx.stats.tokens(usage.input_tokens, usage.output_tokens);
  if (fault !== "truncated") ctx.stats.success(canonical);
}

/**
 * The forced tool's input. A scripted answer (the respond hook) is used when it is a JSON object,
 * and answered as text otherwise, as a model that ignored the tool would; a judge verdict schema
 * gets a plausible verdict; any other schema a generated instance.
 */
function toolInput(tool: Tool, request: ParsedChatRequest, scripted: string | undefined, seed: number): unknown {
  if (scripted !== undefined) {
    try {
      const value: unknown = JSON.parse(scripted);
      return value && typeof value === "object" && !Array.isArray(value) ? value : undefined;
    } catch {
      return undefined;
    }
  }
  const judged = judgedAnswers(request.messages);
  if (judged && isVerdictSchema(tool.input_schema)) return fixtureVerdict(judged, seed, request.messages);
  const document = documentRequest(request.messages);
  if (document) return documentItems(document);
  if (tool.input_schema === undefined) return {};
  return instanceFromSchema(tool.input_schema, seed);
}
