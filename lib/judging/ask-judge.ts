import "server-only";
import type { ClaimedTask, TaskContext, TaskOutcome } from "@/lib/jobs/types";
import type { EndpointForCall } from "@/lib/endpoints/endpoint-for-call";
import { rememberOutputMode } from "@/lib/endpoints/output-mode";
import type { CallModelResult, StructuredRequest } from "@/lib/models/call";
import { outputModesFor, rejectsOutputMode, type OutputMode } from "@/lib/models/output-mode";
import type { ChatMessage } from "@/lib/models/types";
import { holdsJsonObject, parseVerdict, type ParsedVerdict } from "./parse";
import { buildRepairPrompt } from "./prompt";
import { judgeVerdictSchema } from "./schemas";

// Judging should be repeatable: the same pair and order gets the same verdict where the model allows.
const JUDGE_OVERRIDES = { temperature: 0 };

export interface JudgeAnswer {
  /** Every call that returned a reply, in order (a refused mode returns none). */
  calls: CallModelResult[];
  parsed: ParsedVerdict;
  /** The mode of the last reply, the one the verdict (or the failure) comes from. */
  mode: OutputMode;
  repaired: boolean;
  attempts: number;
}

function structuredFor(mode: OutputMode): StructuredRequest | undefined {
  if (mode === "PROMPT_ONLY") return undefined;
  return { mode, schema: judgeVerdictSchema, name: "verdict", description: "The judge's verdict on answers A and B." };
}

/**
 * Asks the judge for a verdict, falling back along the endpoint's output modes: JSON schema,
 * then JSON mode, then plain text with one repair request. A mode is left when the server refuses
 * it or its reply is no valid verdict. When a mode was left because the server refused or ignored
 * it (no JSON object came back) and a later one worked, the endpoint remembers the working one;
 * a JSON reply that merely got a field wrong is the model's slip, not the mode's.
 */
export async function askJudge(
  task: ClaimedTask,
  ctx: TaskContext,
  endpoint: EndpointForCall,
  messages: ChatMessage[],
): Promise<{ ok: true; answer: JudgeAnswer } | { ok: false; outcome: TaskOutcome }> {
  const modes = outputModesFor(endpoint);
  const calls: CallModelResult[] = [];
  let attempts = 0;
  let modeUnsupported = false;
  let parsed: ParsedVerdict = { ok: false, error: "no reply" };
  let mode: OutputMode = modes[0]!;
  let repaired = false;

  for (const [i, candidate] of modes.entries()) {
    const last = i === modes.length - 1;
    const call = await ctx.call(task, endpoint, messages, JUDGE_OVERRIDES, attempts, {
      structured: structuredFor(candidate),
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
    parsed = parseVerdict(call.result.text);
    if (!parsed.ok && candidate === "PROMPT_ONLY") {
      const repair = await ctx.call(
        task,
        endpoint,
        buildRepairPrompt(messages, call.result.text, parsed.error),
        JUDGE_OVERRIDES,
        attempts,
      );
      if (!repair.ok) return repair;
      attempts = repair.attempts;
      calls.push(repair.result);
      repaired = true;
      parsed = parseVerdict(repair.result.text);
    }
    if (parsed.ok) break;
    // A reply cut by the token limit says nothing about the mode.
    if (!holdsJsonObject(call.result.text) && call.result.finishReason !== "length") modeUnsupported = true;
  }

  if (parsed.ok && modeUnsupported && endpoint.detectedOutputMode !== mode) await rememberOutputMode(endpoint.id, mode);
  return { ok: true, answer: { calls, parsed, mode, repaired, attempts } };
}
