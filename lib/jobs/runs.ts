import "server-only";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { db } from "@/lib/db";
import { refuseWhenArchived } from "@/lib/projects/archived";
import { notifyRunChanged, notifyWork } from "./queue";
import { registry } from "./registry";

// What an admin does with a run of any kind. Starting one is the kind's own (its tasks differ).

async function getRun(projectId: string, runId: string) {
  const run = await db.run.findFirst({
    where: { id: runId, projectId },
    include: { project: { select: { archivedAt: true } } },
  });
  if (!run) throw new NotFoundError("Run");
  return run;
}

export async function pauseRun(projectId: string, runId: string) {
  const run = await getRun(projectId, runId);
  if (run.status !== "RUNNING") throw new ConflictError("not_running", "Only a running run can be paused");
  const paused = await db.run.update({ where: { id: runId }, data: { status: "PAUSED", pausedByArchive: false } });
  await notifyRunChanged(runId);
  return paused;
}

export async function resumeRun(projectId: string, runId: string) {
  const run = await getRun(projectId, runId);
  if (run.status !== "PAUSED") throw new ConflictError("not_paused", "Only a paused run can be resumed");
  refuseWhenArchived(run.project, "resume its runs");
  const resumed = await db.run.update({ where: { id: runId }, data: { status: "RUNNING", pausedByArchive: false } });
  // Tasks a worker still holds go on at once rather than on its cached view of the pause.
  await notifyRunChanged(runId);
  await notifyWork();
  return resumed;
}

export async function cancelRun(projectId: string, runId: string) {
  const run = await getRun(projectId, runId);
  if (run.status === "COMPLETED" || run.status === "FAILED" || run.status === "CANCELLED") {
    throw new ConflictError("finished", "This run has already finished");
  }
  const cancelled = await db.$transaction(async (tx) => {
    await tx.task.updateMany({ where: { runId, status: "PENDING" }, data: { status: "CANCELLED" } });
    return tx.run.update({
      where: { id: runId },
      data: { status: "CANCELLED", finishedAt: new Date(), pausedByArchive: false },
    });
  });
  await notifyRunChanged(runId);
  return cancelled;
}

/** Puts the run's failed tasks back in the queue (after fixing a key or a model id, say). */
export async function retryFailed(projectId: string, runId: string) {
  const run = await getRun(projectId, runId);
  if (run.status === "CANCELLED")
    throw new ConflictError("cancelled", "A cancelled run cannot be retried; start a new run");
  refuseWhenArchived(run.project, "retry its runs");
  const count = await db.$transaction(async (tx) => {
    await registry[run.kind].beforeRetry?.(tx, runId);
    const { count } = await tx.task.updateMany({
      where: { runId, status: "FAILED" },
      data: { status: "PENDING", attempts: 0, requeues: { increment: 1 }, workerId: null, leasedUntil: null },
    });
    if (count)
      await tx.run.update({
        where: { id: runId },
        data: { status: "RUNNING", finishedAt: null, pausedByArchive: false },
      });
    return count;
  });
  if (!count) throw new ConflictError("nothing_failed", "This run has no failed tasks");
  await notifyRunChanged(runId);
  await notifyWork();
  return { requeued: count };
}
