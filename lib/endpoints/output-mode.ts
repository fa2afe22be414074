import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OutputMode } from "@/lib/models/output-mode";

/**
 * Stores the output mode found to work for an endpoint. The update moves the endpoint's
 * updatedAt, which is what workers key their cached copy on, so their next tasks start there.
 */
export async function rememberOutputMode(
  endpointId: string,
  mode: OutputMode,
  sameConnection: Prisma.ModelEndpointWhereInput = {},
): Promise<void> {
  // Only for the connection it was found on: an endpoint edited meanwhile is left as its edit left it.
  await db.modelEndpoint.updateMany({
    where: { ...sameConnection, id: endpointId },
    data: { detectedOutputMode: mode, outputModeDetectedAt: new Date() },
  });
}
