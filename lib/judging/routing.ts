import { createHash } from "node:crypto";
import type { EvaluationMode } from "@/lib/generated/prisma/enums";
import { judgeDecides } from "@/lib/projects/modes";
import type { PairVerdict } from "./verdict";

export type ReviewReasonName = "UNCERTAIN" | "LOW_CONFIDENCE" | "AUDIT" | "JUDGE_FAILED";

export interface RoutingSettings {
  evaluationMode: EvaluationMode;
  uncertainToHumans: boolean;
  confidenceThreshold: number;
  auditShare: number;
}

/**
 * The pair's audit draw in [0, 1): fixed by its id, so the audit sample is the same on every
 * re-run and anyone can recompute it (the first 4 bytes of sha256("audit:" + id) over 2^32).
 */
export function auditDraw(pairId: string): number {
  return createHash("sha256").update(`audit:${pairId}`).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Why a judged pair goes to the human queue, or null to keep it out. HUMAN and IMPLICIT projects
 * never route (their queue serves every pair). LLM_JUDGE: unsure or failed verdicts go to humans
 * only if the project says so (otherwise export leaves them out). HYBRID: unsure, failed, low
 * margin, then an audit share of the confident ones.
 */
export function routeReview(settings: RoutingSettings, verdict: PairVerdict, draw: number): ReviewReasonName | null {
  const { evaluationMode } = settings;
  if (!judgeDecides(evaluationMode)) return null;
  const unsure = verdict.status === "UNCERTAIN" ? "UNCERTAIN" : verdict.status === "FAILED" ? "JUDGE_FAILED" : null;
  if (evaluationMode === "LLM_JUDGE") return unsure && settings.uncertainToHumans ? unsure : null;
  if (unsure) return unsure;
  if (verdict.status === "AGREED" && verdict.confidence < settings.confidenceThreshold) return "LOW_CONFIDENCE";
  return draw < settings.auditShare ? "AUDIT" : null;
}
