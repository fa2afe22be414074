import { z } from "zod";

/** One turn of a TRL conversational record. */
export interface ChatMessage {
  role: string;
  content: string;
}

// Content may also be a list of parts (the multimodal form); only text parts can be imported.
const partSchema = z.object({ type: z.string(), text: z.string().optional() });
const messageSchema = z.object({
  role: z.string().trim().min(1),
  content: z.union([z.string(), z.array(partSchema)]),
});

export type MessagesResult = { ok: true; messages: ChatMessage[] } | { ok: false; problem: string };

/**
 * Reads a column that is either plain text (a single message with `role`) or a list of
 * {role, content} messages.
 */
export function toMessages(value: unknown, column: string, role: "user" | "assistant"): MessagesResult {
  if (value === undefined || value === null) return { ok: false, problem: `column "${column}" is missing` };
  if (typeof value === "string" || typeof value === "number")
    return { ok: true, messages: [{ role, content: String(value) }] };
  if (!Array.isArray(value)) return { ok: false, problem: `column "${column}" must be text or a list of messages` };
  if (value.length === 0) return { ok: false, problem: `column "${column}" is empty` };
  const messages: ChatMessage[] = [];
  for (const [i, item] of value.entries()) {
    const parsed = messageSchema.safeParse(item);
    if (!parsed.success) {
      return {
        ok: false,
        problem: `column "${column}" message ${i + 1} must be an object with a "role" and text "content"`,
      };
    }
    const { content } = parsed.data;
    if (typeof content === "string") {
      messages.push({ role: parsed.data.role, content });
      continue;
    }
    const other = content.find((p) => p.type !== "text" || p.text === undefined);
    if (other)
      return { ok: false, problem: `column "${column}" message ${i + 1} has non-text content ("${other.type}")` };
    messages.push({ role: parsed.data.role, content: content.map((p) => p.text).join("\n") });
  }
  return { ok: true, messages };
}

export function sameMessages(a: readonly ChatMessage[], b: readonly ChatMessage[]): boolean {
  return a.length === b.length && a.every((m, i) => m.role === b[i]?.role && m.content === b[i]?.content);
}
