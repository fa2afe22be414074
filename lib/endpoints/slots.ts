import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Keeps one EndpointSlot row per allowed concurrent call (slots 0..limit-1). Lowering the limit
 * deletes the extra rows at once; a call holding one of them finishes, but no new call gets it.
 */
export async function syncEndpointSlots(
  tx: Pick<Prisma.TransactionClient, "endpointSlot">,
  endpointId: string,
  limit: number,
) {
  await tx.endpointSlot.deleteMany({ where: { endpointId, slot: { gte: limit } } });
  await tx.endpointSlot.createMany({
    data: Array.from({ length: limit }, (_, slot) => ({ endpointId, slot })),
    skipDuplicates: true,
  });
}
