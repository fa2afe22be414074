import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";

export const pairListQuerySchema = z.object({
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

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
  endpoint: { select: { name: true, modelId: true } },
} as const;

/** Newest pairs first, one page at a time (keyset on id within creation order). */
export async function listPairs(projectId: string, { cursor, limit }: z.infer<typeof pairListQuerySchema>) {
  const rows = await db.pair.findMany({
    where: { projectId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: {
      id: true,
      createdAt: true,
      implicitLabel: true,
      prompt: { select: { text: true } },
      candidateA: { select: { role: true, flaw: true, endpoint: { select: { name: true } } } },
      candidateB: { select: { role: true, flaw: true, endpoint: { select: { name: true } } } },
    },
  });
  const total = await db.pair.count({ where: { projectId } });
  return {
    total,
    pairs: rows.slice(0, limit).map((p) => ({ ...p, prompt: p.prompt.text.slice(0, 300) })),
    nextCursor: rows.length > limit ? rows[limit - 1]!.id : null,
  };
}

/** One pair with its prompt and both candidates, with their full provenance. For admins. */
export async function getPair(projectId: string, pairId: string) {
  const pair = await db.pair.findFirst({
    where: { id: pairId, projectId },
    select: {
      id: true,
      createdAt: true,
      implicitLabel: true,
      sourceLabel: true,
      prompt: { select: { text: true, system: true, externalId: true } },
      candidateA: { select: candidateFields },
      candidateB: { select: candidateFields },
    },
  });
  if (!pair) throw new NotFoundError("Pair");
  return pair;
}
