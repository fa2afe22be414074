import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notifyRunChanged } from "./queue";

// A project's runs as a whole: archiving a project pauses the ones under way, so an archived
// project spends nothing on models; they stay paused until an admin resumes them, once it is
// unarchived (lib/jobs/runs.ts refuses to resume or retry a run of an archived project). They are
// marked as paused by the archiving until then, so their cards and the Archive panel say why.

/** The project's runs under way (not paused, not finished). */
export function countRunningRuns(projectId: string): Promise<number> {
  return db.run.count({ where: { projectId, status: "RUNNING" } });
}

/** The project's runs that its archiving paused and nobody has resumed (nor cancelled) since. */
export function countArchivePausedRuns(projectId: string): Promise<number> {
  return db.run.count({ where: { projectId, status: "PAUSED", pausedByArchive: true } });
}

/**
 * Pauses every running run of the project in the caller's transaction. Workers hear of it when
 * the transaction commits: PostgreSQL sends notifications then.
 */
export async function pauseProjectRuns(tx: Prisma.TransactionClient, projectId: string): Promise<void> {
  const paused = await tx.run.updateManyAndReturn({
    where: { projectId, status: "RUNNING" },
    data: { status: "PAUSED", pausedByArchive: true },
    select: { id: true },
  });
  await notifyRunChanged(
    paused.map((r) => r.id),
    tx,
  );
}
