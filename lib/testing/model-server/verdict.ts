import { canonicalJson, uniform } from "./hash";
import type { JsonSchema } from "./json-schema";
import { messageText, splitWords } from "./text";
import type { ChatMessage } from "./types";

/**
 * A plausible judge verdict, so trying Pairwise against this fixture gives real-looking results:
 * the more detailed (longer) answer wins most of the time; near-ties and the occasional upset are
 * decided by a coin seeded from the request, so the swapped order can come out differently and
 * some pairs end uncertain. Scores follow the winner. Deterministic: the same request, the same verdict.
 */
export interface FixtureVerdict {
  winner: "A" | "B" | "tie";
  score_a: number;
  score_b: number;
  rationale: string;
}

const NEAR_TIE = 0.15;
const UPSET = 0.1;

/** The two answers of a judge prompt (Pairwise's `<answer_a>`/`<answer_b>` tags), or null for any other request. */
export function judgedAnswers(messages: ChatMessage[]): { a: string; b: string } | null {
  for (const message of messages) {
    if (message.role !== "user") continue;
    const text = messageText(message);
    const a = /<answer_a>\n?([\s\S]*?)\n?<\/answer_a>/.exec(text);
    const b = /<answer_b>\n?([\s\S]*?)\n?<\/answer_b>/.exec(text);
    if (a && b) return { a: a[1]!, b: b[1]! };
  }
  return null;
}

export function fixtureVerdict(
  answers: { a: string; b: string },
  seed: number,
  messages: ChatMessage[],
): FixtureVerdict {
  const [lenA, lenB] = [splitWords(answers.a).length, splitWords(answers.b).length];
  const gap = (lenA - lenB) / Math.max(lenA, lenB, 1);
  const coin = uniform("verdict", seed, canonicalJson(messages));
  let winner: FixtureVerdict["winner"];
  if (Math.abs(gap) < NEAR_TIE) winner = coin < 0.2 ? "tie" : coin < 0.6 ? "A" : "B";
  else {
    const longer = gap > 0 ? "A" : "B";
    winner = coin < UPSET ? (longer === "A" ? "B" : "A") : longer;
  }
  if (winner === "tie") {
    const score = 5 + Math.floor(coin * 4);
    return {
      winner,
      score_a: score,
      score_b: score,
      rationale: "Both answers cover the instruction about equally well.",
    };
  }
  const top = Math.min(10, 6 + Math.round(Math.abs(gap) * 4));
  const margin = Math.max(1, Math.min(top - 1, Math.round(Math.abs(gap) * 6)));
  const [score_a, score_b] = winner === "A" ? [top, top - margin] : [top - margin, top];
  return {
    winner,
    score_a,
    score_b,
    rationale: `Answer ${winner} is more detailed and follows the instruction more fully.`,
  };
}

/** Whether a schema asks for a verdict (winner and both scores), as Pairwise's judge schema does. */
export function isVerdictSchema(schema: JsonSchema | undefined): boolean {
  if (typeof schema !== "object" || schema === null) return false;
  const properties = schema.properties as Record<string, unknown> | undefined;
  return !!properties && ["winner", "score_a", "score_b"].every((key) => key in properties);
}

/** Whether the conversation asks for JSON in its own words (system or user text). */
export function asksForJson(messages: ChatMessage[]): boolean {
  return messages.some((m) => (m.role === "system" || m.role === "user") && /\bJSON\b/.test(messageText(m)));
}
