import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { RunKind, RunStatus } from "@/lib/generated/prisma/client";
import { getRunVerdicts, type RunVerdicts } from "@/lib/judging/run-verdicts";

export interface RunProgress {
  id: string;
  kind: RunKind;
  status: RunStatus;
  createdAt: string;
  finishedAt: string | null;
  total: number;
  counts: { pending: number; running: number; done: number; failed: number; cancelled: number };
  /** Calls that needed more than one attempt, and the attempts they used. */
  retried: number;
  tokens: { input: number; output: number };
  costUsd: number;
  /** Candidates per second over the last minute (or the whole run when shorter). */
  throughput: number;
  etaSeconds: number | null;
  /** Failed tasks grouped by cause, most frequent first. */
  errors: RunErrorGroup[];
  /** Judging runs: how the judged pairs came out. */
  verdicts: RunVerdicts | null;
}

export interface RunErrorGroup {
  kind: string;
  message: string;
  count: number;
  /**
   * One failed task of the group whose model did reply (a judge's unusable reply): what it said,
   * cut to SAMPLE_CHARS, and the parse error in full. Null for errors with no reply (transport,
   * provider refusals: their message is what the provider said).
   */
  sample: { pairId: string | null; reply: string; replyChars: number; detail: string | null } | null;
}

/** Enough of a reply to see what went wrong, little enough for a page listing many runs. */
export const SAMPLE_CHARS = 2000;

type Status = "PENDING" | "RUNNING" | "DONE" | "FAILED" | "CANCELLED";

export async function getRunProgress(projectId: string, runId: string): Promise<RunProgress> {
  const run = await db.generationRun.findFirst({ where: { id: runId, projectId } });
  if (!run) throw new NotFoundError("Run");
  const [byStatus, usage, recent, errors, verdicts] = await Promise.all([
    db.generationTask.groupBy({ by: ["status"], where: { runId }, _count: true }),
    run.kind === "JUDGING" ? judgingUsage(runId) : generationUsage(runId),
    db.$queryRaw<{ n: number; seconds: number }[]>`
      SELECT count(*)::float8 AS n,
             least(60, extract(epoch FROM now() - ${run.createdAt}::timestamptz))::float8 AS seconds
      FROM "GenerationTask" WHERE "runId" = ${runId} AND "status" = 'DONE' AND "updatedAt" > now() - interval '60 seconds'`,
    errorGroups(runId),
    run.kind === "JUDGING" ? getRunVerdicts(runId) : null,
  ]);
  const count = (s: Status) => byStatus.find((r) => r.status === s)?._count ?? 0;
  const counts = {
    pending: count("PENDING"),
    running: count("RUNNING"),
    done: count("DONE"),
    failed: count("FAILED"),
    cancelled: count("CANCELLED"),
  };
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const r = recent[0]!;
  const throughput = run.status === "RUNNING" && r.seconds > 0 ? r.n / Math.max(r.seconds, 1) : 0;
  const left = counts.pending + counts.running;
  const u = usage[0]!;
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    total,
    counts,
    retried: u.retried,
    tokens: { input: u.input, output: u.output },
    costUsd: u.cost,
    throughput,
    etaSeconds: throughput > 0 && left > 0 ? Math.ceil(left / throughput) : null,
    errors,
    verdicts,
  };
}

type ErrorRow = Omit<RunErrorGroup, "sample"> & { pairId: string | null; reply: string | null; replyChars: number | null; detail: string | null };

// The sample is the group's first task (by id: stable while the run's tasks change state), with
// the failed judgment of its pair and order when the task was a judge's.
async function errorGroups(runId: string): Promise<RunErrorGroup[]> {
  const rows = await db.$queryRaw<ErrorRow[]>`
    SELECT g.kind, g.message, g.count, t."pairId", left(j."rawText", ${SAMPLE_CHARS}) AS reply,
           length(j."rawText")::int AS "replyChars", j."error" AS detail
    FROM (
      SELECT coalesce("errorKind", 'unknown') AS kind, left("lastError", 300) AS message, count(*)::int AS count, min("id") AS sample_id
      FROM "GenerationTask" WHERE "runId" = ${runId} AND "status" = 'FAILED'
      GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 20) g
    JOIN "GenerationTask" t ON t."id" = g.sample_id
    LEFT JOIN "Judgment" j ON j."pairId" = t."pairId" AND j."endpointId" = t."endpointId"
      AND j."swapped" = (t."sampleIndex" = 1) AND j."status" = 'FAILED'
    ORDER BY g.count DESC, g.kind, g.message`;
  return rows.map(({ pairId, reply, replyChars, detail, ...group }) => ({
    ...group,
    sample: reply === null ? null : { pairId, reply, replyChars: replyChars ?? reply.length, detail },
  }));
}

type Usage = { input: number; output: number; cost: number; retried: number }[];

const generationUsage = (runId: string) => db.$queryRaw<Usage>`
  SELECT coalesce(sum(c."inputTokens"), 0)::float8 AS input, coalesce(sum(c."outputTokens"), 0)::float8 AS output,
         coalesce(sum(c."costUsd"), 0)::float8 AS cost,
         (SELECT count(*) FROM "GenerationTask" WHERE "runId" = ${runId} AND "attempts" > 1)::float8 AS retried
  FROM "GenerationTask" t
  JOIN "Candidate" c ON c."promptId" = t."promptId" AND c."endpointId" = t."endpointId"
    AND c."role" = t."role" AND c."sampleIndex" = t."sampleIndex"
  WHERE t."runId" = ${runId} AND t."status" = 'DONE'`;

// A judging task's result is the judgment of its pair and order (sampleIndex 1: swapped). A task
// failed for an unusable reply still stored its judgment, and its calls were paid for: counted too.
const judgingUsage = (runId: string) => db.$queryRaw<Usage>`
  SELECT coalesce(sum(j."inputTokens"), 0)::float8 AS input, coalesce(sum(j."outputTokens"), 0)::float8 AS output,
         coalesce(sum(j."costUsd"), 0)::float8 AS cost,
         (SELECT count(*) FROM "GenerationTask" WHERE "runId" = ${runId} AND "attempts" > 1)::float8 AS retried
  FROM "GenerationTask" t
  JOIN "Judgment" j ON j."pairId" = t."pairId" AND j."endpointId" = t."endpointId" AND j."swapped" = (t."sampleIndex" = 1)
  WHERE t."runId" = ${runId} AND t."status" IN ('DONE', 'FAILED')`;

/** The project's latest runs, of one kind or of both. */
export async function listRuns(projectId: string, kind?: RunKind) {
  const runs = await db.generationRun.findMany({ where: { projectId, kind }, orderBy: { createdAt: "desc" }, take: 20 });
  return Promise.all(runs.map((r) => getRunProgress(projectId, r.id)));
}

/** Failed tasks of a run with their last error, for the admin to inspect and retry. */
export async function listFailedTasks(projectId: string, runId: string, limit = 100) {
  const run = await db.generationRun.findFirst({ where: { id: runId, projectId }, select: { id: true } });
  if (!run) throw new NotFoundError("Run");
  const tasks = await db.generationTask.findMany({
    where: { runId, status: "FAILED" },
    orderBy: { updatedAt: "desc" },
    take: limit,
    include: { prompt: { select: { text: true } }, endpoint: { select: { name: true } } },
  });
  return tasks.map((t) => ({
    id: t.id,
    prompt: t.prompt.text.slice(0, 200),
    endpoint: t.endpoint.name,
    role: t.role,
    sampleIndex: t.sampleIndex,
    attempts: t.attempts,
    errorKind: t.errorKind,
    lastError: t.lastError,
  }));
}
