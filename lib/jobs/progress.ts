import "server-only";
import { db } from "@/lib/db";
import { olderThan, pageOf, type TimeCursor } from "@/lib/pagination";
import { NotFoundError } from "@/lib/errors";
import type { RunKind, RunStatus } from "@/lib/generated/prisma/client";
import type { RunVerdicts } from "@/lib/judging/run-verdicts";
import { runOutcome, type RunOutcome } from "./outcome";
import { registry } from "./registry";
import { runSetup, type RunSetup } from "./run-setup";
import { workerPresence, type WorkerPresence } from "./workers-alive";
import { RUN_PAGE_DEFAULT } from "./schemas";
import type { DocItemCounts, RunSummaries } from "./types";
import { clip } from "@/lib/clip";

export interface RunProgress {
  id: string;
  kind: RunKind;
  status: RunStatus;
  /**
   * How it ended or stands (./outcome.ts): a COMPLETED run with failed tasks is
   * "completed_with_failures", as its card says.
   */
  outcome: RunOutcome;
  createdAt: string;
  finishedAt: string | null;
  total: number;
  counts: { pending: number; running: number; done: number; failed: number; cancelled: number };
  /**
   * Tasks that took more than one go: a call retried, or the task put back to be executed again
   * (its executor crashed, or Retry failed). Retry failed starts `attempts` again, so it alone
   * read 0 after 25 tasks were retried.
   */
  retried: number;
  tokens: { input: number; output: number };
  costUsd: number;
  /** Candidates per second over the last minute (or the whole run when shorter). */
  throughput: number;
  /** Null until the rate rests on enough finished tasks (MIN_RATE_TASKS over MIN_RATE_SECONDS). */
  etaSeconds: number | null;
  /** From start to finish; null while the run is not over. */
  durationSeconds: number | null;
  /** Generation runs: the pairs its candidates are in. */
  pairsFormed: number | null;
  /** Failed tasks grouped by cause, most frequent first. */
  errors: RunErrorGroup[];
  /** Judging runs: how the judged pairs came out. */
  verdicts: RunVerdicts | null;
  /** Document runs: their items so far (the run's funnel says where dropped ones left). */
  docItems: DocItemCounts | null;
  /** The endpoints and settings the run was started with, as recorded for it. */
  setup: RunSetup;
  /**
   * Running runs: the workers there to take its tasks (none answering: the run waits until one
   * starts, or a silent one comes back). Null for a run that is not running.
   */
  workers: WorkerPresence | null;
  /** Paused by the project's archiving (not by an admin), and not resumed since. */
  pausedByArchive: boolean;
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

// An ETA from one or two finished calls swings wildly; it is shown once the rate rests on more.
export const MIN_RATE_TASKS = 5;
export const MIN_RATE_SECONDS = 5;

type Status = "PENDING" | "RUNNING" | "DONE" | "FAILED" | "CANCELLED";

export async function getRunProgress(projectId: string, runId: string): Promise<RunProgress> {
  const run = await db.run.findFirst({ where: { id: runId, projectId } });
  if (!run) throw new NotFoundError("Run");
  const executor = registry[run.kind];
  // By endpoint and role too: the same pass over the run's tasks says which endpoints it used.
  const [byStatus, u, retried, recent, errors, summary, workers] = await Promise.all([
    db.task.groupBy({ by: ["status", "endpointId", "role"], where: { runId }, _count: true }),
    executor.usage(runId),
    db.task.count({ where: { runId, OR: [{ attempts: { gt: 1 } }, { requeues: { gt: 0 } }] } }),
    db.$queryRaw<{ n: number; seconds: number }[]>`
      SELECT count(*)::float8 AS n,
             least(60, extract(epoch FROM now() - ${run.createdAt}::timestamptz))::float8 AS seconds
      FROM "Task" WHERE "runId" = ${runId} AND "status" = 'DONE' AND "updatedAt" > now() - interval '60 seconds'`,
    errorGroups(runId, run.kind),
    (executor.summary?.(runId) ?? null) as Promise<RunSummaries[RunKind] | null> | null,
    run.status === "RUNNING" ? workerPresence() : null,
  ]);
  const of = <K extends RunKind>(kind: K): RunSummaries[K] | null =>
    run.kind === kind ? (summary as RunSummaries[K] | null) : null;
  const docItems = of("DOC_INSTRUCTIONS") ?? of("DOC_PREFERENCES");
  const count = (s: Status) => byStatus.reduce((n, r) => (r.status === s ? n + r._count : n), 0);
  const setup = await runSetup(run, byStatus);
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
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    outcome: runOutcome({ status: run.status, counts }),
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    total,
    counts,
    retried,
    tokens: { input: u.input, output: u.output },
    costUsd: u.cost,
    throughput,
    etaSeconds:
      throughput > 0 && left > 0 && r.n >= MIN_RATE_TASKS && r.seconds >= MIN_RATE_SECONDS
        ? Math.ceil(left / throughput)
        : null,
    durationSeconds: run.finishedAt
      ? Math.max(0, Math.round((run.finishedAt.getTime() - run.createdAt.getTime()) / 1000))
      : null,
    pairsFormed: of("GENERATION")?.pairsFormed ?? null,
    errors,
    verdicts: of("JUDGING"),
    docItems,
    setup,
    workers,
    pausedByArchive: run.status === "PAUSED" && run.pausedByArchive,
  };
}

// The sample is the group's first task (by id: stable while the run's tasks change state), with
// what its model replied when the kind keeps failed replies (a judge's).
async function errorGroups(runId: string, kind: RunKind): Promise<RunErrorGroup[]> {
  const groups = await db.$queryRaw<(Omit<RunErrorGroup, "sample"> & { sampleId: string; pairId: string | null })[]>`
    SELECT g.kind, g.message, g.count, g.sample_id AS "sampleId", t."pairId"
    FROM (
      SELECT coalesce("errorKind", 'unknown') AS kind, left("lastError", 300) AS message, count(*)::int AS count, min("id") AS sample_id
      FROM "Task" WHERE "runId" = ${runId} AND "status" = 'FAILED'
      GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 20) g
    JOIN "Task" t ON t."id" = g.sample_id
    ORDER BY g.count DESC, g.kind, g.message`;
  const replies = groups.length
    ? await registry[kind].failedReplies?.(
        groups.map((g) => g.sampleId),
        SAMPLE_CHARS,
      )
    : undefined;
  return groups.map(({ sampleId, pairId, ...group }) => {
    const r = replies?.get(sampleId);
    return {
      ...group,
      sample:
        r && r.reply !== null
          ? { pairId, reply: r.reply, replyChars: r.replyChars ?? r.reply.length, detail: r.detail }
          : null,
    };
  });
}

const DOCUMENT_KINDS: RunKind[] = ["DOC_INSTRUCTIONS", "DOC_PREFERENCES"];

/** A page of the project's runs, newest first, of one kind (DOCUMENTS: either document kind) or of every kind. */
export async function listRuns(
  projectId: string,
  kind?: RunKind | "DOCUMENTS",
  { cursor, limit = RUN_PAGE_DEFAULT }: { cursor?: TimeCursor; limit?: number } = {},
): Promise<{ runs: RunProgress[]; nextCursor: string | null }> {
  const where = { projectId, kind: kind === "DOCUMENTS" ? { in: DOCUMENT_KINDS } : kind, ...olderThan(cursor) };
  const rows = await db.run.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, createdAt: true },
  });
  const { page: runs, nextCursor } = pageOf(rows, limit);
  // A run may go between the two reads: a start that found nothing to do deletes the run it had
  // just recorded. It is left out, not a 404 for the whole list.
  const listed = await Promise.all(
    runs.map((r) =>
      getRunProgress(projectId, r.id).catch((err: unknown) => {
        if (err instanceof NotFoundError) return null;
        throw err;
      }),
    ),
  );
  return { runs: listed.filter((r) => r !== null), nextCursor };
}

/** Failed tasks of a run with their last error, for the admin to inspect and retry. */
export async function listFailedTasks(projectId: string, runId: string, limit = 100) {
  const run = await db.run.findFirst({ where: { id: runId, projectId }, select: { id: true } });
  if (!run) throw new NotFoundError("Run");
  const tasks = await db.task.findMany({
    where: { runId, status: "FAILED" },
    orderBy: { updatedAt: "desc" },
    take: limit,
    include: {
      prompt: { select: { text: true } },
      chunk: { select: { text: true } },
      endpoint: { select: { name: true } },
    },
  });
  return tasks.map((t) => ({
    id: t.id,
    // A document run's task asks about a chunk: its opening stands in for the prompt.
    prompt: clip(t.prompt?.text ?? t.chunk?.text ?? "", 200),
    endpoint: t.endpoint.name,
    role: t.role,
    sampleIndex: t.sampleIndex,
    attempts: t.attempts,
    errorKind: t.errorKind,
    lastError: t.lastError,
  }));
}
