import "server-only";
import { NotFoundError } from "@/lib/errors";
import { db } from "@/lib/db";

/** One order's judgment of a pair as an admin sees it. Winner and scores are in the pair's terms (candidate A and B). */
export interface PairJudgmentView {
  id: string;
  /** Which candidate the judge was shown first. */
  order: "A first" | "B first";
  status: "OK" | "FAILED";
  winner: "A" | "B" | "TIE" | null;
  scoreA: number | null;
  scoreB: number | null;
  rationale: string | null;
  /** Why it failed (the parse error), when it did. */
  error: string | null;
  /** The reply was unusable and the repair request's reply is part of rawText. */
  repaired: boolean;
  /**
   * How the reply was asked for (structured output or free text), where the Judgment records it;
   * absent on databases whose Judgment has no `outputMode` column.
   */
  outputMode?: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  latencyMs: number | null;
  model: string | null;
  endpoint: string;
  rawText: string;
  createdAt: string;
}

export interface PairJudging {
  /** The verdict over both orders; null until both are in. */
  verdict: {
    status: "AGREED" | "UNCERTAIN" | "FAILED";
    label: "A" | "B" | "TIE" | null;
    confidence: number | null;
  } | null;
  /** Why the pair went to annotators, when it did. */
  reviewReason: string | null;
  judgments: PairJudgmentView[];
}

/** The judge's work on one pair: both orders' judgments and the verdict they settled. For admins. */
export async function getPairJudging(projectId: string, pairId: string): Promise<PairJudging> {
  const pair = await db.pair.findFirst({
    where: { id: pairId, projectId },
    select: { judgeStatus: true, judgeLabel: true, judgeConfidence: true, reviewReason: true },
  });
  if (!pair) throw new NotFoundError("Pair");
  // Every scalar column, so an `outputMode` column is read wherever the schema has one.
  const rows = await db.judgment.findMany({
    where: { pairId },
    orderBy: [{ endpointId: "asc" }, { swapped: "asc" }],
    include: { endpoint: { select: { name: true } } },
  });
  return {
    verdict: pair.judgeStatus
      ? {
          status: pair.judgeStatus,
          label: pair.judgeLabel === "BOTH_BAD" ? null : pair.judgeLabel,
          confidence: pair.judgeConfidence,
        }
      : null,
    reviewReason: pair.reviewReason,
    judgments: rows.map((j) => {
      const outputMode = (j as { outputMode?: unknown }).outputMode;
      return {
        id: j.id,
        order: j.swapped ? "B first" : "A first",
        status: j.status,
        winner: j.winner === "BOTH_BAD" ? null : j.winner,
        scoreA: j.scoreA,
        scoreB: j.scoreB,
        rationale: j.rationale,
        error: j.error,
        repaired: j.repaired,
        ...(outputMode !== undefined ? { outputMode: outputMode === null ? null : String(outputMode) } : {}),
        inputTokens: j.inputTokens,
        outputTokens: j.outputTokens,
        costUsd: j.costUsd,
        latencyMs: j.latencyMs,
        model: j.model,
        endpoint: j.endpoint.name,
        rawText: j.rawText,
        createdAt: j.createdAt.toISOString(),
      };
    }),
  };
}
