import "server-only";
import { db } from "@/lib/db";
import { pairSystem } from "./pair-system";
import { NotFoundError } from "@/lib/errors";

const candidateFields = {
  id: true,
  text: true,
  source: true,
  role: true,
  sampleIndex: true,
  finishReason: true,
  flaw: true,
  inputTokens: true,
  outputTokens: true,
  latencyMs: true,
  costUsd: true,
  model: true,
  params: true,
  createdAt: true,
  // A written answer's writer and the time they took: for admins only (the page and the API are).
  timeTakenMs: true,
  author: { select: { name: true, email: true } },
  endpoint: { select: { name: true, modelId: true } },
  // DOCUMENT candidates: the passage the extract was copied from, and its document.
  chunk: { select: { index: true, text: true, document: { select: { title: true } } } },
} as const;

/** One pair with its prompt and both candidates, with their full provenance. For admins. */
export async function getPair(projectId: string, pairId: string) {
  const pair = await db.pair.findFirst({
    where: { id: pairId, projectId },
    select: {
      id: true,
      createdAt: true,
      implicitLabel: true,
      sourceLabel: true,
      goldLabel: true,
      prompt: { select: { text: true, system: true, externalId: true } },
      candidateA: { select: candidateFields },
      candidateB: { select: candidateFields },
    },
  });
  if (!pair) throw new NotFoundError("Pair");
  // The system message its answers were made under, as annotators, the judge and exports see it.
  return { ...pair, system: await pairSystem(pair.id) };
}
