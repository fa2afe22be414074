import "server-only";
import { db } from "@/lib/db";
import { Prisma, type GenerationTask } from "@/lib/generated/prisma/client";
import { generationConfig } from "./config";

/**
 * Takes tasks for this worker, in one statement: pending ones, or ones whose holder stopped
 * renewing its lease (a killed worker), while their run is running. Tasks someone else holds,
 * or that are over, are left out.
 */
export type ClaimedTask = GenerationTask & {
  promptText: string;
  promptSystem: string | null;
  /** When the project and endpoint settings last changed: cached copies older than this are stale. */
  projectVersion: Date;
  endpointVersion: Date;
  /** Judging tasks: the pair's two answers (candidate A and B); null for generation tasks. */
  answerA: string | null;
  answerB: string | null;
  /** When this worker claimed it (Date.now()). */
  claimedAt: number;
};

/**
 * Every statement that changes several tasks locks them first, in id order. Without it one
 * worker's heartbeat (renewing in table order), another's orphan sweep (in the order of the lease
 * index) and a claim (in primary-key order) could each hold rows another waits for: after a
 * database stall, when every lease had run out at once, workers logged 40P01 deadlocks
 * (task-leases.test.ts replays it).
 */
const IN_ID_ORDER = Prisma.sql`ORDER BY t."id" FOR UPDATE OF t`;

export async function claimTasks(taskIds: string[], workerId: string): Promise<ClaimedTask[]> {
  if (!taskIds.length) return [];
  const claimedAt = Date.now();
  const rows = await db.$queryRaw<Omit<ClaimedTask, "claimedAt">[]>`
    WITH locked AS (
      SELECT t."id" FROM "GenerationTask" t JOIN "GenerationRun" r ON r."id" = t."runId"
      WHERE t."id" = ANY(${taskIds}::text[]) AND r."status" = 'RUNNING'
        AND (t."status" = 'PENDING' OR (t."status" = 'RUNNING' AND t."leasedUntil" < now()))
      ${IN_ID_ORDER}),
    claimed AS (
      UPDATE "GenerationTask" t
      SET "status" = 'RUNNING', "workerId" = ${workerId},
          "leasedUntil" = now() + make_interval(secs => ${generationConfig.leaseSeconds}), "updatedAt" = now()
      FROM locked WHERE t."id" = locked."id"
      RETURNING t.*)
    SELECT claimed.*, p."text" AS "promptText", p."system" AS "promptSystem",
           pr."updatedAt" AS "projectVersion", e."updatedAt" AS "endpointVersion",
           ca."text" AS "answerA", cb."text" AS "answerB"
    FROM claimed
    JOIN "Prompt" p ON p."id" = claimed."promptId"
    JOIN "Project" pr ON pr."id" = claimed."projectId"
    JOIN "ModelEndpoint" e ON e."id" = claimed."endpointId"
    LEFT JOIN "Pair" pa ON pa."id" = claimed."pairId"
    LEFT JOIN "Candidate" ca ON ca."id" = pa."candidateAId"
    LEFT JOIN "Candidate" cb ON cb."id" = pa."candidateBId"`;
  return rows.map((r) => ({ ...r, claimedAt }));
}

/** Gives a task back to the queue untouched (its run was paused or cancelled meanwhile). */
export async function releaseTask(taskId: string, workerId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "GenerationTask" SET "status" = CASE WHEN r."status" = 'CANCELLED' THEN 'CANCELLED'::"TaskStatus" ELSE 'PENDING'::"TaskStatus" END,
      "workerId" = NULL, "leasedUntil" = NULL, "updatedAt" = now()
    FROM "GenerationRun" r
    WHERE "GenerationTask"."id" = ${taskId} AND "GenerationTask"."workerId" = ${workerId} AND r."id" = "GenerationTask"."runId"`;
}

/** Errors that stop an endpoint's part of a run: retrying would only repeat them. */
export const FATAL_KINDS = ["auth", "forbidden", "model_not_found", "bad_request"];

/**
 * Whether the task may call now: its run still running, and its endpoint not stopped in this run
 * by an error retrying cannot fix (tasks already waiting for a slot must not repeat that error).
 */
export async function mayCall(runId: string, endpointId: string): Promise<{ active: boolean; stoppedBy: string | null }> {
  const [row] = await db.$queryRaw<{ status: string; stoppedBy: string | null }[]>`
    SELECT r."status",
      (SELECT t."lastError" FROM "GenerationTask" t
        WHERE t."runId" = r."id" AND t."status" = 'FAILED' AND t."endpointId" = ${endpointId}
          AND t."errorKind" = ANY(${FATAL_KINDS}::text[]) LIMIT 1) AS "stoppedBy"
    FROM "GenerationRun" r WHERE r."id" = ${runId}`;
  return { active: row?.status === "RUNNING", stoppedBy: row?.stoppedBy ?? null };
}

export const stoppedMessage = (endpointName: string, reason: string) => `Not attempted: ${endpointName} stopped after "${reason}"`;

/** After an error retrying cannot fix, the endpoint's remaining work in this run stops, saying why. */
export async function stopEndpoint(runId: string, endpointId: string, endpointName: string, reason: string) {
  await db.generationTask.updateMany({
    where: { runId, endpointId, status: "PENDING" },
    data: { status: "FAILED", errorKind: "endpoint_stopped", lastError: stoppedMessage(endpointName, reason) },
  });
}

/**
 * Closes a run once none of its tasks is left to do: FAILED when not one of them succeeded (a
 * run that produced nothing must not read "Completed"), else COMPLETED, its failed count saying
 * how many did not.
 */
export async function completeRunIfDone(runId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "GenerationRun"
    SET "status" = CASE
          WHEN NOT EXISTS (SELECT 1 FROM "GenerationTask" WHERE "runId" = ${runId} AND "status" = 'DONE')
           AND EXISTS (SELECT 1 FROM "GenerationTask" WHERE "runId" = ${runId} AND "status" = 'FAILED')
          THEN 'FAILED'::"RunStatus" ELSE 'COMPLETED'::"RunStatus" END,
        "finishedAt" = now()
    WHERE "id" = ${runId} AND "status" = 'RUNNING'
      AND NOT EXISTS (SELECT 1 FROM "GenerationTask" WHERE "runId" = ${runId} AND "status" IN ('PENDING', 'RUNNING'))`;
}

/** The heartbeat: keeps this worker's task leases alive while it works. */
export async function renewTaskLeases(workerId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "GenerationTask" SET "leasedUntil" = now() + make_interval(secs => ${generationConfig.leaseSeconds})
    FROM (SELECT t."id" FROM "GenerationTask" t WHERE t."workerId" = ${workerId} AND t."status" = 'RUNNING' ${IN_ID_ORDER}) held
    WHERE "GenerationTask"."id" = held."id"`;
}

/** Tasks whose worker died (lease ran out): back to pending, to be enqueued again. */
export async function reclaimOrphans(): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string; status: string }[]>`
    WITH expired AS (
      -- A task locked right now is being renewed or claimed: not an orphan, so it is skipped.
      SELECT t."id" FROM "GenerationTask" t WHERE t."status" = 'RUNNING' AND t."leasedUntil" < now()
      ${IN_ID_ORDER} SKIP LOCKED)
    UPDATE "GenerationTask" t
    SET "status" = CASE WHEN r."status" = 'CANCELLED' THEN 'CANCELLED'::"TaskStatus" ELSE 'PENDING'::"TaskStatus" END,
        "workerId" = NULL, "leasedUntil" = NULL, "updatedAt" = now()
    FROM expired, "GenerationRun" r
    WHERE t."id" = expired."id" AND r."id" = t."runId"
    RETURNING t."id", t."status"`;
  return rows.filter((r) => r.status === "PENDING").map((r) => r.id);
}
