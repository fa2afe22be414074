import type { IncomingMessage } from "node:http";
import { buildAnswer, truncateAnswer, type Answer } from "./answer";
import { sendCompletion, sendMalformed, streamCompletion } from "./completion";
import { decideFault, type AttemptLog } from "./faults";
import { canonicalJson, hash32, uniform } from "./hash";
import { readBody, sleep, type Reply } from "./http";
import type { RequestLimiter } from "./limits";
import type { ResolvedOptions } from "./options";
import { parseChatRequest } from "./request";
import type { StatsRecorder } from "./stats";
import type { FaultKind, ParsedChatRequest } from "./types";

export interface ServerContext {
  options(): ResolvedOptions;
  stats: StatsRecorder;
  limiter: RequestLimiter;
  attempts: AttemptLog;
}

export function rateLimited(reply: Reply, options: ResolvedOptions, reason: string): void {
  reply.error(
    429,
    {
      message: `Rate limit reached for test fixture: ${reason}. Please retry later.`,
      type: "rate_limit_exceeded",
      code: "rate_limit_exceeded",
    },
    { "retry-after": String(options.retryAfterSeconds) },
  );
}

export async function handleChat(ctx: ServerContext, req: IncomingMessage, reply: Reply): Promise<void> {
  const parsed = parseChatRequest(await readBody(req));
  if (!parsed.ok) {
    return reply.error(400, { message: parsed.message, type: "invalid_request_error", param: parsed.param ?? null });
  }
  const request: ParsedChatRequest = { ...parsed.request, credential: req.headers.authorization };
  // Read once: a `configure` call mid-request must not change this request's rules halfway.
  const options = ctx.options();
  options.onRequest?.(request);
  if (options.structured === "json-mode" && request.response_format?.type === "json_schema") {
    // Worded like OpenAI's refusal of a parameter the model does not support (vLLM's is similar).
    return reply.error(400, {
      message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
      type: "invalid_request_error",
      param: "response_format",
      code: null,
    });
  }
  if (!options.models.includes(request.model)) {
    return reply.error(404, {
      message: `The model '${request.model}' does not exist or you do not have access to it.`,
      type: "invalid_request_error",
      code: "model_not_found",
      param: "model",
    });
  }
  ctx.stats.model(request.model);
  await admitted(
    ctx,
    reply,
    options,
    (reason) => rateLimited(reply, options, reason),
    () => serveAdmitted(ctx, request, reply, options),
  );
}

/**
 * Runs `serve` within the server's limits (--concurrency, --rpm), or refuses at once with
 * `refuse`, as a rate-limited API does. Shared by the Chat Completions and Messages routes.
 */
export async function admitted(
  ctx: ServerContext,
  reply: Reply,
  options: ResolvedOptions,
  refuse: (reason: string) => void,
  serve: () => Promise<void>,
): Promise<void> {
  const refusal = ctx.limiter.tryAcquire(options);
  if (refusal) return refuse(refusal === "concurrency" ? "too many concurrent requests" : "requests per minute");
  ctx.stats.concurrency(ctx.limiter.inFlight);
  let released = false;
  // Released at the latest when the socket closes, and at the earliest once the answer is written.
  const release = () => {
    if (!released) ctx.limiter.release();
    released = true;
  };
  reply.res.on("close", release);
  try {
    await serve();
  } finally {
    if (reply.gone) release();
  }
}

/**
 * The fault this attempt draws, and the wait before answering: a timeout fault holds the socket
 * (--hang-ms) then drops it; anything else waits --latency plus its --jitter share. Returns
 * undefined when the request is over (dropped, or the client left).
 */
export async function faultAfterLatency(
  ctx: ServerContext,
  body: string,
  reply: Reply,
  options: ResolvedOptions,
): Promise<{ fault: FaultKind | undefined; attempt: number } | undefined> {
  const attempt = ctx.attempts.next(body);
  const fault = decideFault(options.faults, options.seed, body, attempt);
  if (fault) ctx.stats.fault(fault);
  const record = () =>
    options.onAttempt?.({ at: Date.now(), request: hash32(body).toString(16), attempt, fault: fault ?? null });
  if (fault === "timeout") {
    await sleep(options.hangMs, reply.closed);
    if (!reply.gone) record();
    reply.res.destroy();
    return undefined;
  }
  const jitter = Math.floor(uniform("latency", options.seed, body, attempt) * (options.latencyJitterMs + 1));
  await sleep(options.latencyMs + jitter, reply.closed);
  if (reply.gone) return undefined;
  record();
  return { fault, attempt };
}

async function serveAdmitted(
  ctx: ServerContext,
  request: ParsedChatRequest,
  reply: Reply,
  options: ResolvedOptions,
): Promise<void> {
  const body = canonicalJson(request.raw);
  const drawn = await faultAfterLatency(ctx, body, reply, options);
  if (!drawn) return;
  const { fault, attempt } = drawn;

  if (fault === "429") return rateLimited(reply, options, "injected fault");
  if (fault === "500") {
    const message = "The server had an error while processing your request (injected fault).";
    return reply.error(500, { message, type: "server_error" });
  }
  let answer: Answer;
  try {
    answer = buildAnswer(request, options.respond, options.structured);
  } catch (err) {
    return reply.error(500, { message: `respond hook failed: ${(err as Error).message}`, type: "server_error" });
  }
  if (fault === "truncated") answer = truncateAnswer(request, answer);

  const meta = {
    id: `chatcmpl-fixture-${hash32(body, attempt).toString(16)}`,
    model: request.model,
    created: Math.floor(Date.now() / 1000),
  };
  if (fault === "malformed") return sendMalformed(reply, meta, answer, request.stream);
  if (request.stream) streamCompletion(reply, meta, answer, request.include_usage);
  else sendCompletion(reply, meta, answer);
  ctx.stats.tokens(answer.usage.prompt_tokens, answer.usage.completion_tokens);
  if (fault !== "truncated") ctx.stats.success(body);
}
