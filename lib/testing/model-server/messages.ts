import type { IncomingMessage } from "node:http";
import { buildAnswer } from "./answer";
import type { ServerContext } from "./chat";
import { hash32, canonicalJson } from "./hash";
import { readBody, sleep, type Reply } from "./http";
import { instanceFromSchema, type JsonSchema } from "./json-schema";
import { messageText } from "./text";
import type { ChatMessage, ParsedChatRequest } from "./types";
import { documentItems, documentRequest } from "./document-items";
import { fixtureVerdict, isVerdictSchema, judgedAnswers } from "./verdict";

// Anthropic's Messages API (POST /v1/messages), far enough for @ai-sdk/anthropic: x-api-key, a
// system field, content blocks, tools answered with a tool_use block, usage and stop_reason.

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
  await sleep(options.latencyMs, reply.closed);
  if (reply.gone) return;

  const seed = hash32(canonicalJson(body));
  const scripted = options.respond?.(request);
  const answer = buildAnswer(request, () => scripted, options.structured);
  const tool = toolToUse(body);
  let content: unknown[];
  let stopReason = answer.finishReason === "length" ? "max_tokens" : "end_turn";
  if (tool) {
    const input = toolInput(tool, request, scripted, seed);
    content =
      input === undefined
        ? [{ type: "text", text: answer.content }]
        : [{ type: "tool_use", id: `toolu_fixture_${seed.toString(16)}`, name: tool.name, input }];
    if (input !== undefined) stopReason = "tool_use";
  } else {
    content = [{ type: "text", text: answer.content }];
  }
  const outputText = JSON.stringify(content);
  reply.json(200, {
    id: `msg_fixture_${seed.toString(16)}`,
    type: "message",
    role: "assistant",
    model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: {
      input_tokens: answer.usage.prompt_tokens,
      output_tokens: answer.json ? Math.ceil(outputText.length / 4) : answer.usage.completion_tokens,
    },
  });
  ctx.stats.success(canonicalJson(body));
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
