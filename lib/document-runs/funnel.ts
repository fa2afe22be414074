import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { DocItemStage } from "@/lib/generated/prisma/enums";
import { documentRunSettingsSchema } from "./settings";

/** The funnel's stages in order: an item dropped at a stage counts in every step before it. */
export const FUNNEL_DROPS: DocItemStage[] = [
  "INVALID",
  "NOT_VERBATIM",
  "SOURCE_MENTION",
  "FILTER",
  "NEAR_DUPLICATE",
  "CONTAMINATED",
  "NO_REJECTED",
  "REVIEW",
];

export interface FunnelStep {
  key: string;
  label: string;
  count: number;
  /** Items that did not get past this step because its task failed (not counted in `count`), by cause. */
  failed?: FailedCount;
}

/** Tasks that failed, and why (their last error, most frequent first). */
export interface FailedCount {
  count: number;
  causes: { message: string; count: number }[];
}

export interface DroppedExample {
  stage: DocItemStage;
  reason: string;
  instruction: string;
  chosen: string | null;
  raw: string | null;
  documentTitle: string;
}

export interface RunFunnel {
  runId: string;
  mode: "INSTRUCTIONS" | "PREFERENCES";
  chunks: number;
  steps: FunnelStep[];
  /** Chunks whose call failed: they gave no items. */
  chunksFailed: FailedCount;
  /** Preferences: past every filter, waiting for the rejected answer (its task not failed). */
  pending: number;
  examples: DroppedExample[];
}

const LABELS: Record<string, string> = {
  generated: "Items generated",
  INVALID: "Well-formed",
  NOT_VERBATIM: "Verbatim extract",
  SOURCE_MENTION: "No source mention",
  FILTER: "Passed filters",
  NEAR_DUPLICATE: "Not a near duplicate",
  CONTAMINATED: "Not in the evaluation set",
  NO_REJECTED: "Rejected answer obtained",
  REVIEW: "Kept in review",
};

/** Counts of each step from the stored items, and a few dropped ones per stage with their reason. */
export async function getRunFunnel(projectId: string, runId: string, examplesPerStage = 3): Promise<RunFunnel> {
  const run = await db.run.findFirst({ where: { id: runId, projectId } });
  if (!run || (run.kind !== "DOC_INSTRUCTIONS" && run.kind !== "DOC_PREFERENCES")) throw new NotFoundError("Run");
  const settings = documentRunSettingsSchema.parse(run.settings);
  const [chunks, byStage, kept, pending, failures, examples] = await Promise.all([
    db.task.count({ where: { runId, itemIndex: null } }),
    db.docItem.groupBy({ by: ["droppedAt"], where: { runId }, _count: true }),
    db.docItem.count({ where: { runId, status: "KEPT" } }),
    db.docItem.count({ where: { runId, status: "PENDING" } }),
    // A rejected-answer task that failed leaves its item pending: it has no rejected answer.
    db.$queryRaw<{ chunk: boolean; message: string; count: number }[]>`
      SELECT t."itemIndex" IS NULL AS chunk, coalesce(t."lastError", t."errorKind", 'unknown error') AS message,
             count(*)::int AS count
      FROM "Task" t
      WHERE t."runId" = ${runId} AND t."status" = 'FAILED'
        AND (t."itemIndex" IS NULL OR EXISTS (
          SELECT 1 FROM "DocItem" i WHERE i."runId" = t."runId" AND i."chunkId" = t."chunkId"
            AND i."itemIndex" = t."itemIndex" AND i."status" = 'PENDING'))
      GROUP BY 1, 2 ORDER BY 3 DESC, 2`,
    db.$queryRaw<DroppedExample[]>`
      SELECT x."droppedAt" AS stage, x."dropReason" AS reason, x."instruction", coalesce(x."chosen", x."answer") AS chosen,
             x."raw", d."title" AS "documentTitle"
      FROM (SELECT i.*, row_number() OVER (PARTITION BY i."droppedAt" ORDER BY i."createdAt", i."id") AS n
            FROM "DocItem" i WHERE i."runId" = ${runId} AND i."status" = 'DROPPED') x
      JOIN "Document" d ON d."id" = x."documentId"
      WHERE x.n <= ${examplesPerStage}
      ORDER BY array_position(${FUNNEL_DROPS}::text[], x."droppedAt"::text), x.n`,
  ]);
  const dropped = (stage: DocItemStage) => byStage.find((r) => r.droppedAt === stage)?._count ?? 0;
  let count = byStage.reduce((a, r) => a + r._count, 0);
  const steps: FunnelStep[] = [{ key: "generated", label: LABELS.generated!, count }];
  const stages = FUNNEL_DROPS.filter(
    (s) => (s !== "NOT_VERBATIM" && s !== "NO_REJECTED") || settings.mode === "PREFERENCES",
  )
    .filter((s) => s !== "CONTAMINATED" || settings.evaluationPrompts.length > 0 || dropped(s) > 0)
    // A reviewer's drops, once there are any.
    .filter((s) => s !== "REVIEW" || dropped(s) > 0);
  const failedOf = (chunk: boolean): FailedCount => {
    const causes = failures.filter((f) => f.chunk === chunk).map(({ message, count }) => ({ message, count }));
    return { count: causes.reduce((a, c) => a + c.count, 0), causes };
  };
  const rejectedFailed = failedOf(false);
  for (const stage of stages) {
    count -= dropped(stage);
    if (stage !== "NO_REJECTED") {
      steps.push({ key: stage, label: LABELS[stage]!, count });
      continue;
    }
    // Obtained only when it came: items waiting for it, or whose task failed, are not counted.
    count -= pending;
    steps.push({
      key: stage,
      label: LABELS[stage]!,
      count,
      ...(rejectedFailed.count ? { failed: rejectedFailed } : {}),
    });
  }
  steps.push({ key: "kept", label: "Kept", count: kept });
  return {
    runId,
    mode: settings.mode,
    chunks,
    chunksFailed: failedOf(true),
    steps,
    pending: pending - rejectedFailed.count,
    examples,
  };
}

export interface InstructionRunSummary {
  id: string;
  createdAt: string;
  status: string;
  kept: number;
}

/** The project's instruction runs, newest first, with their kept items: what the Export page offers as rows. */
export async function listInstructionRuns(projectId: string): Promise<InstructionRunSummary[]> {
  const runs = await db.run.findMany({
    where: { projectId, kind: "DOC_INSTRUCTIONS" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, createdAt: true, status: true },
    take: 100,
  });
  const kept = await db.docItem.groupBy({
    by: ["runId"],
    where: { runId: { in: runs.map((r) => r.id) }, status: "KEPT" },
    _count: true,
  });
  const keptOf = new Map(kept.map((k) => [k.runId, k._count]));
  return runs.map((r) => ({
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    status: r.status,
    kept: keptOf.get(r.id) ?? 0,
  }));
}
