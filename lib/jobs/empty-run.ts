import "server-only";
import { db } from "@/lib/db";
import { ConflictError } from "@/lib/errors";

/**
 * Ends the start of a run that found nothing to do, whatever its kind: the run is deleted (nothing
 * to do is said, not recorded as a run of nothing) and the caller is told why.
 */
export async function refuseEmptyRun(runId: string, message: string): Promise<never> {
  await db.run.delete({ where: { id: runId } });
  throw new ConflictError("nothing_to_do", message);
}
