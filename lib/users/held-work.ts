import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Gives back at once what a person holds, in one project or in all of them, rather than when
 * its lease lapses (ANNOTATION_LEASE_MINUTES): the pairs and prompts served to them and not yet
 * answered, and the pairs an admin reserved for them. Their votes, skips and written answers stay.
 * For a member removed from a project, and for an account deactivated.
 */
export async function releaseHeldWork(
  tx: Prisma.TransactionClient,
  { userId, projectId }: { userId: string; projectId?: string },
): Promise<void> {
  await tx.assignment.deleteMany({ where: { projectId, userId, status: "OPEN" } });
  await tx.writeAssignment.deleteMany({ where: { projectId, userId, status: "OPEN" } });
  await tx.pairReservation.deleteMany({ where: { projectId, userId } });
}
