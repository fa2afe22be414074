import "server-only";
import { askStructured, type StructuredAnswer } from "@/lib/jobs/ask-structured";
import type { ClaimedTask, TaskContext, TaskOutcome } from "@/lib/jobs/types";
import type { EndpointForCall } from "@/lib/endpoints/endpoint-for-call";
import type { ChatMessage } from "@/lib/models/types";
import { parseVerdict } from "./parse";
import { buildRepairPrompt } from "./prompt";
import { judgeVerdictSchema, type JudgeVerdict } from "./schemas";

export type JudgeAnswer = StructuredAnswer<JudgeVerdict>;

/**
 * Asks the judge for a verdict along the endpoint's output modes (lib/jobs/ask-structured.ts:
 * JSON schema, JSON mode, then words with one repair). Judging should be repeatable: the same
 * pair and order gets the same verdict where the model allows, hence temperature 0.
 */
export function askJudge(
  task: ClaimedTask,
  ctx: TaskContext,
  endpoint: EndpointForCall,
  messages: ChatMessage[],
): Promise<{ ok: true; answer: JudgeAnswer } | { ok: false; outcome: TaskOutcome }> {
  return askStructured(task, ctx, endpoint, messages, {
    structured: { schema: judgeVerdictSchema, name: "verdict", description: "The judge's verdict on answers A and B." },
    parse: (reply) => {
      const parsed = parseVerdict(reply);
      return parsed.ok ? { ok: true, value: parsed.verdict } : parsed;
    },
    repairPrompt: buildRepairPrompt,
    overrides: { temperature: 0 },
  });
}
