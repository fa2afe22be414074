import type { ChatMessage } from "@/lib/models/types";

export interface JudgePromptInput {
  instruction: string;
  /** The system prompt the candidates were answered under, if any. */
  system: string | null;
  /** The answers in the order shown: A first, B second (positions, not candidates). */
  first: string;
  second: string;
  rubric: string;
}

export const JSON_SHAPE = `{"winner": "A" | "B" | "tie", "score_a": <whole number 1-10>, "score_b": <whole number 1-10>, "rationale": "<one to three sentences>"}`;

/**
 * The judge's conversation. The answers sit inside tags named by position, so the rubric and the
 * answers cannot be confused; the judge is asked for one JSON object and nothing else.
 */
export function buildJudgePrompt({ instruction, system, first, second, rubric }: JudgePromptInput): ChatMessage[] {
  const judgeSystem = [
    "You are an impartial judge comparing two answers, A and B, to the same instruction.",
    "",
    "Rubric:",
    rubric,
    "",
    "Reply with exactly one JSON object and nothing else, of this shape:",
    JSON_SHAPE,
    "score_a is the score of answer A, score_b of answer B.",
  ].join("\n");
  const user = [
    ...(system ? ["<system_prompt>", system, "</system_prompt>", ""] : []),
    "<instruction>",
    instruction,
    "</instruction>",
    "",
    "<answer_a>",
    first,
    "</answer_a>",
    "",
    "<answer_b>",
    second,
    "</answer_b>",
    "",
    "Which answer is better? Reply with the JSON object only.",
  ].join("\n");
  return [
    { role: "system", content: judgeSystem },
    { role: "user", content: user },
  ];
}

/** The follow-up after an unusable reply: the conversation, the reply, and what was wrong with it. */
export function buildRepairPrompt(messages: ChatMessage[], badReply: string, problem: string): ChatMessage[] {
  return [
    ...messages,
    { role: "assistant", content: badReply },
    {
      role: "user",
      content: `That reply could not be used (${problem}). Reply again with only the JSON object, of this shape:\n${JSON_SHAPE}`,
    },
  ];
}
