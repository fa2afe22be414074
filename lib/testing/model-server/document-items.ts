import { uniform } from "./hash";
import { messageText } from "./text";
import type { ChatMessage } from "./types";

// Pairwise's document runs send a chunk inside <document_chunk> tags and ask for n items
// (lib/document-runs/prompt.ts). This answers them plausibly from the chunk's own words, with a
// deterministic share of the bad items the run's filters exist for, so a run against this server
// shows a real funnel. The rejected answer is asked without the chunk: an ordinary request.

export interface DocumentRequest {
  chunk: string;
  n: number;
  kind: "answer" | "extract";
}

/** The chunk request in these messages, or null for any other request. */
export function documentRequest(messages: ChatMessage[]): DocumentRequest | null {
  for (const message of messages) {
    if (message.role !== "user") continue;
    const text = messageText(message);
    const chunk = /<document_chunk>\n?([\s\S]*?)\n?<\/document_chunk>/.exec(text);
    const ask = /Write exactly (\d+) instruction-(answer|extract) items/.exec(text);
    if (chunk && ask) return { chunk: chunk[1]!, n: Number(ask[1]), kind: ask[2] as "answer" | "extract" };
  }
  return null;
}

// Shares of bad items, by kind: each drawn per (chunk, item), so the same request gets the same items.
const SOURCE_MENTION = 0.08;
const NOT_VERBATIM = 0.14;
const TOO_SHORT = 0.2;
const INVALID = 0.25;

const TEMPLATES = [
  (topic: string) => `What should someone know about ${topic}?`,
  (topic: string) => `Can you explain ${topic} in a few sentences?`,
  (topic: string) => `How would you describe ${topic} to a newcomer?`,
  (topic: string) => `Why does ${topic} matter?`,
];

function sentences(chunk: string): string[] {
  return chunk
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Consecutive sentences from `start` until at least `min` characters, copied as they stand in the chunk. */
function passage(all: string[], start: number, min: number): string {
  let out = "";
  for (let i = start; i < all.length && out.length < min; i++) out = out ? `${out} ${all[i]}` : all[i]!;
  return out;
}

function topicOf(sentence: string): string {
  const words = sentence.match(/[\p{L}\p{N}'-]+/gu) ?? ["this"];
  const long = words.filter((w) => w.length > 3);
  return (long.length >= 2 ? long : words).slice(0, 4).join(" ").toLowerCase();
}

export function documentItems(request: DocumentRequest): { items: unknown[] } {
  const all = sentences(request.chunk);
  const items: unknown[] = [];
  for (let i = 0; i < request.n; i++) {
    const start = all.length ? Math.floor(uniform("doc-start", request.chunk, i) * all.length) : 0;
    const topic = topicOf(all[start] ?? request.chunk);
    const template = TEMPLATES[Math.floor(uniform("doc-template", request.chunk, i) * TEMPLATES.length)]!;
    let instruction = template(topic);
    let body = passage(all, start, 140) || request.chunk;
    const bad = uniform("doc-bad", request.chunk, i);
    if (bad < SOURCE_MENTION)
      instruction = `According to the text, ${instruction.charAt(0).toLowerCase()}${instruction.slice(1)}`;
    else if (bad < NOT_VERBATIM) body = `In other words, ${body.charAt(0).toLowerCase()}${body.slice(1)}`;
    else if (bad < TOO_SHORT) body = `${topic.charAt(0).toUpperCase()}${topic.slice(1)}.`;
    else if (bad < INVALID) {
      items.push({ question: instruction });
      continue;
    }
    // An answer is the author's text rephrased: here its sentences in another order.
    if (request.kind === "answer")
      body =
        passage(all, start, 140)
          .split(/(?<=[.!?])\s+/)
          .reverse()
          .join(" ") || body;
    items.push(request.kind === "answer" ? { instruction, answer: body } : { instruction, extract: body });
  }
  return { items };
}
