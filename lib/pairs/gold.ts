import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { PairLabel } from "@/lib/generated/prisma/enums";
import { applyTrust } from "@/lib/trust";

/**
 * Marks a pair gold with its known answer, or unmarks it (null). Either changes what the
 * annotators' answers on it say about their accuracy, so the trust rule is applied again; the
 * pairs whose counted votes changed are returned (see applyTrust).
 */
export async function setGold(projectId: string, pairId: string, label: PairLabel | null): Promise<string[]> {
  const { count } = await db.pair.updateMany({ where: { id: pairId, projectId }, data: { goldLabel: label } });
  if (!count) throw new NotFoundError("Pair");
  return applyTrust(projectId);
}
