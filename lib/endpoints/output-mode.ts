import "server-only";
import { db } from "@/lib/db";
import type { OutputMode } from "@/lib/models/output-mode";

/**
 * Stores the output mode found to work for an endpoint. The update moves the endpoint's
 * updatedAt, which is what workers key their cached copy on, so their next tasks start there.
 */
export async function rememberOutputMode(endpointId: string, mode: OutputMode): Promise<void> {
  await db.modelEndpoint.update({
    where: { id: endpointId },
    data: { detectedOutputMode: mode, outputModeDetectedAt: new Date() },
  });
}
