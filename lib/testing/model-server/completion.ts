import type { Answer } from "./answer";
import type { Reply } from "./http";

export interface CompletionMeta {
  id: string;
  model: string;
  created: number;
}

export function sendCompletion(reply: Reply, meta: CompletionMeta, answer: Answer): void {
  reply.json(200, completionBody(meta, answer));
}

function completionBody(meta: CompletionMeta, answer: Answer) {
  return {
    ...meta,
    object: "chat.completion",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: answer.content, refusal: null },
        logprobs: null,
        finish_reason: answer.finishReason,
      },
    ],
    usage: answer.usage,
  };
}

function chunk(meta: CompletionMeta, choices: unknown[], extra: Record<string, unknown> = {}): string {
  return `data: ${JSON.stringify({ ...meta, object: "chat.completion.chunk", choices, ...extra })}\n\n`;
}

/** Word-sized deltas for prose; fixed-size slices for JSON, which has few spaces to split on. */
export function contentDeltas(answer: Answer): string[] {
  if (answer.json) return answer.content.match(/[\s\S]{1,16}/g) ?? [];
  return answer.content.match(/^\s+|\S+\s*/g) ?? [];
}

function startStream(reply: Reply, meta: CompletionMeta): void {
  reply.head(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  reply.res.write(chunk(meta, [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]));
}

export function streamCompletion(reply: Reply, meta: CompletionMeta, answer: Answer, includeUsage: boolean): void {
  startStream(reply, meta);
  for (const delta of contentDeltas(answer)) {
    reply.res.write(chunk(meta, [{ index: 0, delta: { content: delta }, finish_reason: null }]));
  }
  reply.res.write(chunk(meta, [{ index: 0, delta: {}, finish_reason: answer.finishReason }]));
  if (includeUsage) reply.res.write(chunk(meta, [], { usage: answer.usage }));
  reply.res.end("data: [DONE]\n\n");
}

/** The `malformed` fault: a 200 whose body (or, streaming, one SSE event) is cut mid-JSON. */
export function sendMalformed(reply: Reply, meta: CompletionMeta, answer: Answer, stream: boolean): void {
  if (!stream) {
    const text = JSON.stringify(completionBody(meta, answer));
    reply.raw(200, text.slice(0, Math.floor(text.length / 2)));
    return;
  }
  startStream(reply, meta);
  const broken = chunk(meta, [{ index: 0, delta: { content: answer.content }, finish_reason: null }]);
  reply.res.end(`${broken.slice(0, Math.floor(broken.length / 2))}\n\n`);
}
