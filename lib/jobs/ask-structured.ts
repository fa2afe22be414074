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
}

/**
 * Asks for structured output, falling back along the endpoint's output modes: JSON schema, then
 * JSON mode, then plain text with one repair request. A mode is left when the server refuses it
 * or its reply is not usable. When a mode was left because the server refused or ignored it (no
 * JSON object came back) and a later one worked, the endpoint remembers the working one; a JSON
 * reply that merely got a field wrong is the model's slip, not the mode's.
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
    }
    if (parsed.ok) break;
    // A reply cut by the token limit says nothing about the mode.
    if (!holdsJsonObject(call.result.text) && call.result.finishReason !== "length") modeUnsupported = true;
  }

  if (parsed.ok && modeUnsupported && endpoint.detectedOutputMode !== mode) await rememberOutputMode(endpoint.id, mode);
  return { ok: true, answer: { calls, parsed, mode, repaired, attempts } };
}
