import { intBetween, pick, type Rng } from "./hash";
import type { ChatMessage } from "./types";

// Generic vocabulary: the text only has to look like prose, never to mean anything.
export const WORDS = [
  "the",
  "answer",
  "depends",
  "on",
  "context",
  "data",
  "careful",
  "because",
  "example",
  "consider",
  "each",
  "step",
  "result",
  "clear",
  "reason",
  "approach",
  "first",
  "then",
  "finally",
  "useful",
  "simple",
  "detail",
  "value",
  "method",
  "check",
  "case",
  "general",
  "often",
  "important",
  "note",
  "review",
  "option",
  "specific",
  "which",
  "this",
  "with",
  "without",
  "more",
  "less",
  "quality",
  "question",
  "evidence",
  "likely",
  "practical",
  "usually",
  "measure",
  "compare",
  "explain",
] as const;

const ECHO_WORDS = 12;
// Weak answers stay well below the shortest strong answer so every strong/weak pair differs in length.
const FILLER_WORDS = { strong: [60, 110], weak: [12, 28] } as const;

/** The text of a message, whether its content is a string or an array of parts. */
export function messageText(message: ChatMessage): string {
  const { content } = message;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (part && typeof part === "object" && typeof part.text === "string" ? part.text : ""))
    .join(" ");
}

export function splitWords(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

export function isWeakModel(model: string): boolean {
  return model.toLowerCase().includes("weak");
}

function echoOfLastUserMessage(messages: ChatMessage[]): string {
  const lastUser = [...messages].reverse().find((m) => m.role === "user") ?? messages[messages.length - 1];
  const words = splitWords(lastUser ? messageText(lastUser) : "");
  if (words.length === 0) return "your message";
  return words.length > ECHO_WORDS ? `${words.slice(0, ECHO_WORDS).join(" ")}…` : words.join(" ");
}

export function sentence(rng: Rng, words: number): string {
  const chosen: string[] = Array.from({ length: words }, () => pick(rng, WORDS));
  const first = chosen[0] ?? "note";
  chosen[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return `${chosen.join(" ")}.`;
}

/** The full, uncapped answer; callers cut it to max_tokens. */
export function naturalAnswer(model: string, messages: ChatMessage[], rng: Rng): string {
  const [min, max] = FILLER_WORDS[isWeakModel(model) ? "weak" : "strong"];
  let remaining = intBetween(rng, min, max);
  const sentences: string[] = [];
  while (remaining > 0) {
    let length = Math.min(remaining, intBetween(rng, 5, 12));
    if (remaining - length < 4) length = remaining; // no stub sentences at the end
    sentences.push(sentence(rng, length));
    remaining -= length;
  }
  return `Regarding "${echoOfLastUserMessage(messages)}": ${sentences.join(" ")}`;
}

/** Keeps the first `limit` words (1 word ≈ 1 token here). */
export function capWords(text: string, limit: number | undefined): { text: string; cut: boolean } {
  const words = splitWords(text);
  if (limit === undefined || words.length <= limit) return { text, cut: false };
  return { text: words.slice(0, limit).join(" "), cut: true };
}
