import "server-only";
import type { EndpointForCall } from "@/lib/endpoints/endpoint-for-call";
import { rememberOutputMode } from "@/lib/endpoints/output-mode";
import type { CallModelResult, StructuredRequest } from "@/lib/models/call";
import { holdsJsonObject } from "@/lib/models/json-reply";
import { outputModesFor, rejectsOutputMode, type OutputMode } from "@/lib/models/output-mode";
import type { ChatMessage, SamplingParams } from "@/lib/models/types";
import type { ClaimedTask, TaskContext, TaskOutcome } from "./types";

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** What one kind of structured question needs: its schema, how to read a reply, how to ask again. */
export interface StructuredAsk<T> {
  structured: Omit<StructuredRequest, "mode">;
  parse(reply: string): Parsed<T>;
  repairPrompt(messages: ChatMessage[], badReply: string, problem: string): ChatMessage[];
  overrides: SamplingParams;
}

export interface StructuredAnswer<T> {
  /** Every call that returned a reply, in order (a refused mode returns none). */
  calls: CallModelResult[];
  parsed: Parsed<T>;
  /** The mode of the last reply, the one the result (or the failure) comes from. */
  mode: OutputMode;
  repaired: boolean;
  attempts: number;
  /** The last reply was cut off at the token limit and did not parse: `truncationMessage` says so. */
  truncated: boolean;
}

/** The task's error kind when a reply was cut off at the token limit: its own cause on the run card. */
export const REPLY_TRUNCATED = "reply_truncated";

/** What to tell the user about a reply cut off at the token limit (`maxTokens` as sent; undefined: the provider's default). */
export function truncationMessage(maxTokens: number | undefined): string {
  const limit = maxTokens === undefined ? "none set, so the provider's default" : `max tokens ${maxTokens}`;
  return `The reply was cut off at the endpoint's token limit (${limit}) before it held a complete answer: raise Max tokens on the endpoint`;
}

/**
 * Asks for structured output, falling back along the endpoint's output modes: JSON schema, then
 * JSON mode, then plain text with one repair request. A mode is left when the server refuses it
 * or its reply is not usable. When a mode was left because the server refused or ignored it (no
 * JSON object came back) and a later one worked, the endpoint remembers the working one; a JSON
 * reply that merely got a field wrong is the model's slip, not the mode's. A reply cut off at
 * the token limit ends the asking at once (unless what came back still parses): another mode or a
 * repair request would be cut off the same way, and each would be paid for.
 */
export async function askStructured<T>(
  task: ClaimedTask,
  ctx: TaskContext,
  endpoint: EndpointForCall,
  messages: ChatMessage[],
  ask: StructuredAsk<T>,
): Promise<{ ok: true; answer: StructuredAnswer<T> } | { ok: false; outcome: TaskOutcome }> {
  const modes = outputModesFor(endpoint);
  const calls: CallModelResult[] = [];
  let attempts = 0;
  let modeUnsupported = false;
  let parsed: Parsed<T> = { ok: false, error: "no reply" };
  let mode: OutputMode = modes[0]!;
  let repaired = false;
  let truncated = false;

  for (const [i, candidate] of modes.entries()) {
    const last = i === modes.length - 1;
    const call = await ctx.call(task, endpoint, messages, ask.overrides, attempts, {
      structured: candidate === "PROMPT_ONLY" ? undefined : { ...ask.structured, mode: candidate },
      refusesMode: last ? undefined : rejectsOutputMode,
    });
    if (call.ok === false) return call;
    attempts = call.attempts;
    if (call.ok === "mode_refused") {
      modeUnsupported = true;
      continue;
    }
    mode = candidate;
    calls.push(call.result);
    parsed = ask.parse(call.result.text);
    if (!parsed.ok && call.result.finishReason === "length") {
      truncated = true;
      break;
    }
    if (!parsed.ok && candidate === "PROMPT_ONLY") {
      const repair = await ctx.call(
        task,
        endpoint,
        ask.repairPrompt(messages, call.result.text, parsed.error),
        ask.overrides,
        attempts,
      );
      if (!repair.ok) return repair;
      attempts = repair.attempts;
      calls.push(repair.result);
      repaired = true;
      parsed = ask.parse(repair.result.text);
      truncated = !parsed.ok && repair.result.finishReason === "length";
    }
    if (parsed.ok) break;
    if (!holdsJsonObject(call.result.text)) modeUnsupported = true;
  }

  if (parsed.ok && modeUnsupported && endpoint.detectedOutputMode !== mode) await rememberOutputMode(endpoint.id, mode);
  return { ok: true, answer: { calls, parsed, mode, repaired, attempts, truncated } };
}
