import type { ChatMessage } from "@/lib/models/types";
import type { DocumentRunMode } from "./settings";

// The chunk goes inside <document_chunk> tags: the model is told where the text begins and ends,
// and the loopback server (lib/testing/model-server) recognises these requests by them.

const SHAPES: Record<DocumentRunMode, string> = {
  INSTRUCTIONS: '{"items": [{"instruction": "...", "answer": "..."}]}',
  PREFERENCES: '{"items": [{"instruction": "...", "extract": "..."}]}',
};

const ASKS: Record<DocumentRunMode, (n: number) => string> = {
  INSTRUCTIONS: (n) =>
    `Write exactly ${n} instruction-answer items from the text below.\n` +
    "- Each instruction is something a user could ask without ever seeing this text: never mention " +
    '"the text", "the passage", "the author" or the like.\n' +
    "- Each answer answers it fully in the author's own style and voice, rephrasing what the text says.",
  PREFERENCES: (n) =>
    `Write exactly ${n} instruction-extract items from the text below.\n` +
    "- Each instruction is something a user could ask without ever seeing this text: never mention " +
    '"the text", "the passage", "the author" or the like.\n' +
    "- Each extract answers it and is copied word for word from the text: no change, no addition.",
};

export function buildChunkPrompt(mode: DocumentRunMode, n: number, chunk: string): ChatMessage[] {
  return [
    {
      role: "user",
      content: `${ASKS[mode](n)}\nReply with only a JSON object of this shape:\n${SHAPES[mode]}\n\n<document_chunk>\n${chunk}\n</document_chunk>`,
    },
  ];
}

export function buildItemsRepairPrompt(
  mode: DocumentRunMode,
  messages: ChatMessage[],
  badReply: string,
  problem: string,
): ChatMessage[] {
  return [
    ...messages,
    { role: "assistant", content: badReply },
    {
      role: "user",
      content: `That reply could not be used (${problem}). Reply again with only the JSON object, of this shape:\n${SHAPES[mode]}`,
    },
  ];
}
