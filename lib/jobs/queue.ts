import "server-only";
import { db } from "@/lib/db";
import { Prisma, type RunKind } from "@/lib/generated/prisma/client";
import { MAX_ATTEMPTS } from "@/lib/models/retry";
import { jobsConfig, RUN_STATE_CHANNEL, WORK_CHANNEL } from "./config";
import type { ClaimedTask } from "./types";

// The task table is the queue: a task row is the record of the work, and one statement both
// claims a task and records who holds it until when. There is no second queue to keep in step.

/**
 * Statements that wait for several tasks' locks take them in id order. Without it one worker's
 * heartbeat (renewing in table order) and a claim or sweep could each hold rows another waits
 * for: after a database stall, workers logged 40P01 deadlocks (task-leases.test.ts replays it).
 * Claims and sweeps skip locked rows instead of waiting, so they cannot be part of a deadlock.
 */
const IN_ID_ORDER = Prisma.sql`ORDER BY t."id" FOR UPDATE OF t`;

/** Errors that stop an endpoint's part of a run: retrying would only repeat them. */
export const FATAL_KINDS = ["auth", "forbidden", "model_not_found", "bad_request"];

/**
 * Takes up to `limit` pending tasks of running runs for this worker, in one statement. Each
 * running run gets an equal share, oldest run first, its tasks in queue order; rows another
 * worker is claiming right now are skipped, never waited for, so no task goes to two workers.
 * Each task comes with what `mayCall` would say of it at that moment (its run is running), so
 * its first call needs no second look at the run.
 */
export async function claimTasks(workerId: string, limit: number): Promise<ClaimedTask[]> {
  if (limit <= 0) return [];
  const claimedAt = Date.now();
  const rows = await db.$queryRaw<Omit<ClaimedTask, "claimedAt">[]>`
    WITH running AS (
      SELECT r."id", r."kind", r."createdAt" FROM "Run" r WHERE r."status" = 'RUNNING'),
    share AS (SELECT ceil(${limit}::float8 / greatest(count(*), 1))::int AS n FROM running),
    picked AS (
      SELECT p."id", running."kind" FROM running, share, LATERAL (
        SELECT t."id" FROM "Task" t
        WHERE t."runId" = running."id" AND t."status" = 'PENDING'
        ORDER BY t."seq" LIMIT share.n
        FOR UPDATE OF t SKIP LOCKED) p
      ORDER BY running."createdAt", running."id"
      LIMIT ${limit}),
    claimed AS (
      UPDATE "Task" t
      SET "status" = 'RUNNING', "workerId" = ${workerId},
          "leasedUntil" = now() + make_interval(secs => ${jobsConfig.leaseSeconds}), "updatedAt" = now()
      FROM picked WHERE t."id" = picked."id"
      RETURNING t.*, picked."kind")
    SELECT claimed.*, p."text" AS "promptText", p."system" AS "promptSystem",
           pr."updatedAt" AS "projectVersion", e."updatedAt" AS "endpointVersion",
           (SELECT f."lastError" FROM "Task" f
             WHERE f."runId" = claimed."runId" AND f."status" = 'FAILED' AND f."endpointId" = claimed."endpointId"
               AND f."errorKind" = ANY(${FATAL_KINDS}::text[]) LIMIT 1) AS "endpointStoppedBy"
    FROM claimed
    LEFT JOIN "Prompt" p ON p."id" = claimed."promptId"
    JOIN "Project" pr ON pr."id" = claimed."projectId"
    JOIN "ModelEndpoint" e ON e."id" = claimed."endpointId"
    ORDER BY claimed."seq"`;
  return rows.map((r) => ({ ...r, claimedAt }));
}

/** Wakes idle workers: tasks were queued, or a run may go on. Delivered when the caller's transaction commits. */
export async function notifyWork(): Promise<void> {
  await db.$executeRaw`SELECT 1 FROM (SELECT pg_notify(${WORK_CHANNEL}, '')) sent`;
}

/**
 * Tells workers runs' calls must be checked again before they start (paused or cancelled, or an
 * endpoint of theirs stopped): their cached view of those runs is dropped at once. Sent on
 * `client` (a transaction's, delivered when it commits) or else on its own.
 */
export async function notifyRunChanged(
  runIds: string | readonly string[],
  client: Pick<Prisma.TransactionClient, "$executeRaw"> = db,
): Promise<void> {
  const ids = typeof runIds === "string" ? [runIds] : runIds;
  if (!ids.length) return;
  await client.$executeRaw`SELECT 1 FROM (SELECT pg_notify(${RUN_STATE_CHANNEL}, id) FROM unnest(${ids}::text[]) id) sent`;
}

/** Gives a task back to the queue untouched (its run was paused or cancelled meanwhile). */
export async function releaseTask(taskId: string, workerId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "Task" SET "status" = CASE WHEN r."status" = 'CANCELLED' THEN 'CANCELLED'::"TaskStatus" ELSE 'PENDING'::"TaskStatus" END,
      "workerId" = NULL, "leasedUntil" = NULL, "updatedAt" = now()
    FROM "Run" r
    WHERE "Task"."id" = ${taskId} AND "Task"."workerId" = ${workerId} AND r."id" = "Task"."runId"`;
}

/**
 * A task whose executor threw (a store's transaction timed out under load, say) goes back to the
 * queue for another worker, or this one, to take again; after MAX_ATTEMPTS it fails with the error.
 * Left RUNNING, the worker's heartbeat would renew its lease for ever and its run never end.
 */
export async function requeueCrashedTask(taskId: string, workerId: string, message: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "Task" SET "attempts" = "attempts" + 1, "errorKind" = 'crashed', "lastError" = ${message},
      "requeues" = "requeues" + CASE WHEN "attempts" + 1 >= ${MAX_ATTEMPTS} THEN 0 ELSE 1 END,
      "status" = CASE WHEN "attempts" + 1 >= ${MAX_ATTEMPTS} THEN 'FAILED'::"TaskStatus" ELSE 'PENDING'::"TaskStatus" END,
      "workerId" = NULL, "leasedUntil" = NULL, "updatedAt" = now()
    WHERE "id" = ${taskId} AND "workerId" = ${workerId} AND "status" = 'RUNNING'`;
}

export async function failTask(taskId: string, kind: string, message: string, attempts?: number): Promise<void> {
  await db.task.update({
    where: { id: taskId },
    data: { status: "FAILED", leasedUntil: null, errorKind: kind, lastError: message, attempts },
  });
}

/** Records a failed attempt that will be retried. */
export async function recordAttempt(taskId: string, attempts: number, kind: string, message: string): Promise<void> {
  await db.task.update({ where: { id: taskId }, data: { attempts, lastError: message, errorKind: kind } });
}

/**
 * Whether the task may call now: its run still running, and its endpoint not stopped in this run
 * by an error retrying cannot fix (tasks already waiting for a slot must not repeat that error).
 */
export async function mayCall(
  runId: string,
  endpointId: string,
): Promise<{ active: boolean; stoppedBy: string | null }> {
  const [row] = await db.$queryRaw<{ status: string; stoppedBy: string | null }[]>`
    SELECT r."status",
      (SELECT t."lastError" FROM "Task" t
        WHERE t."runId" = r."id" AND t."status" = 'FAILED' AND t."endpointId" = ${endpointId}
          AND t."errorKind" = ANY(${FATAL_KINDS}::text[]) LIMIT 1) AS "stoppedBy"
    FROM "Run" r WHERE r."id" = ${runId}`;
  return { active: row?.status === "RUNNING", stoppedBy: row?.stoppedBy ?? null };
}

export const stoppedMessage = (endpointName: string, reason: string) =>
  `Not attempted: ${endpointName} stopped after "${reason}"`;

/** After an error retrying cannot fix, the endpoint's remaining work in this run stops, saying why. */
export async function stopEndpoint(runId: string, endpointId: string, endpointName: string, reason: string) {
  await db.task.updateMany({
    where: { runId, endpointId, status: "PENDING" },
    data: { status: "FAILED", errorKind: "endpoint_stopped", lastError: stoppedMessage(endpointName, reason) },
  });
  await notifyRunChanged(runId);
}

/** Whether the run has tasks left to do (pending, or held by a worker). */
export async function hasOpenTasks(runId: string): Promise<boolean> {
  const open = await db.task.findFirst({
    where: { runId, status: { in: ["PENDING", "RUNNING"] } },
    select: { id: true },
  });
  return open !== null;
}

/** How long a run may be without tasks while its start inserts them. */
const STARTING_RUN_GRACE_MINUTES = 10;

/**
 * Running runs with nothing left to do that nobody closed: the worker that finished their last
 * tasks died before it could. A task stored within the lease may still be followed by its
 * worker's own check, so those runs are left to it.
 */
export async function unclosedRuns(): Promise<{ id: string; kind: RunKind }[]> {
  return db.$queryRaw`
    SELECT r."id", r."kind" FROM "Run" r
    WHERE r."status" = 'RUNNING'
      -- A run without tasks is being started: its tasks go in just after it (one statement). One
      -- still without tasks long after has lost them (its start died midway, or its tasks went
      -- with their import): it is closed, or it would block its project's next run for good.
      AND (EXISTS (SELECT 1 FROM "Task" t WHERE t."runId" = r."id")
        OR r."createdAt" < (now() AT TIME ZONE 'UTC') - make_interval(mins => ${STARTING_RUN_GRACE_MINUTES}))
      AND NOT EXISTS (SELECT 1 FROM "Task" t WHERE t."runId" = r."id" AND t."status" IN ('PENDING', 'RUNNING'))
      AND NOT EXISTS (SELECT 1 FROM "Task" t WHERE t."runId" = r."id"
                      AND t."updatedAt" > now() - make_interval(secs => ${jobsConfig.leaseSeconds}))`;
}

/**
 * Closes a run once none of its tasks is left to do: FAILED when not one of them succeeded (a
 * run that produced nothing must not read "Completed"), else COMPLETED, its failed count saying
 * how many did not.
 */
export async function completeRunIfDone(runId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "Run"
    SET "status" = CASE
          WHEN NOT EXISTS (SELECT 1 FROM "Task" WHERE "runId" = ${runId} AND "status" = 'DONE')
           AND EXISTS (SELECT 1 FROM "Task" WHERE "runId" = ${runId} AND "status" = 'FAILED')
          THEN 'FAILED'::"RunStatus" ELSE 'COMPLETED'::"RunStatus" END,
        "finishedAt" = now()
    WHERE "id" = ${runId} AND "status" = 'RUNNING'
      AND NOT EXISTS (SELECT 1 FROM "Task" WHERE "runId" = ${runId} AND "status" IN ('PENDING', 'RUNNING'))`;
}

/**
 * The heartbeat, one statement per worker whatever it holds: renews the leases of the tasks and
 * endpoint slots it is working with now. Only those: a task or slot it lost track of (a result
 * or a release the database refused during an outage) is left to run out, and then any worker
 * takes it, where renewing everything under its id kept such tasks RUNNING for ever.
 */
export async function renewLeases(
  workerId: string,
  held: { tasks: string[]; slots: { endpointId: string; slot: number }[] },
): Promise<void> {
  const lease = Prisma.sql`now() + make_interval(secs => ${jobsConfig.leaseSeconds})`;
  await db.$executeRaw`
    WITH tasks AS (
      UPDATE "Task" SET "leasedUntil" = ${lease}
      FROM (SELECT t."id" FROM "Task" t
            WHERE t."id" = ANY(${held.tasks}::text[]) AND t."workerId" = ${workerId} AND t."status" = 'RUNNING'
            ${IN_ID_ORDER}) held
      WHERE "Task"."id" = held."id"),
    slots AS (
      -- Locked in key order too, so renewals of slots never deadlock either.
      UPDATE "EndpointSlot" s SET "leasedUntil" = ${lease}
      FROM (SELECT e."endpointId", e."slot" FROM "EndpointSlot" e
            JOIN unnest(${held.slots.map((s) => s.endpointId)}::text[], ${held.slots.map((s) => s.slot)}::int[])
              AS h("endpointId", "slot") ON h."endpointId" = e."endpointId" AND h."slot" = e."slot"
            WHERE e."holder" = ${workerId} AND e."leasedUntil" > now()
            ORDER BY e."endpointId", e."slot" FOR UPDATE OF e) held
      WHERE s."endpointId" = held."endpointId" AND s."slot" = held."slot")
    SELECT 1`;
}

/**
 * Tasks whose worker died or lost track of them (lease ran out): back to pending, for any worker
 * to claim. Returns how many. A worker does not sweep the tasks it is working on (`holding`): a
 * lease of those that ran out means its heartbeat was late (a stalled database, a starved
 * process), not that it stopped.
 */
export async function reclaimOrphans(sweeperId: string, holding: string[]): Promise<number> {
  const rows = await db.$queryRaw<{ id: string; status: string }[]>`
    WITH expired AS (
      -- A task locked right now is being renewed or claimed: not an orphan, so it is skipped.
      SELECT t."id" FROM "Task" t WHERE t."status" = 'RUNNING' AND t."leasedUntil" < now()
        AND (t."workerId" IS DISTINCT FROM ${sweeperId} OR t."id" <> ALL(${holding}::text[]))
      ${IN_ID_ORDER} SKIP LOCKED)
    UPDATE "Task" t
    SET "status" = CASE WHEN r."status" = 'CANCELLED' THEN 'CANCELLED'::"TaskStatus" ELSE 'PENDING'::"TaskStatus" END,
        "workerId" = NULL, "leasedUntil" = NULL, "updatedAt" = now()
    FROM expired, "Run" r
    WHERE t."id" = expired."id" AND r."id" = t."runId"
    RETURNING t."id", t."status"`;
  return rows.filter((r) => r.status === "PENDING").length;
}
