import "server-only";
import { db } from "@/lib/db";
import { promptKey } from "@/lib/imports";
import { notifyWork } from "@/lib/jobs/queue";
import type { ClaimedTask } from "@/lib/jobs/types";
import { shingles } from "./filters";
import type { ParsedItem } from "./items";
import { runSettings } from "./run-settings";
import { siftItems } from "./sift";

export interface CallUsage {
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  attempts: number;
}

const plus = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);

/**
 * What a task's calls used, added to what its earlier executions used: a task retried after a
 * failed execution (an unusable reply, paid all the same) keeps that one's cost beside its own.
 */
export async function addTaskUsage(
  tx: Pick<typeof db, "task">,
  taskId: string,
  usage: Omit<CallUsage, "attempts">,
): Promise<{ inputTokens: number | null; outputTokens: number | null; costUsd: number | null }> {
  const before = await tx.task.findUniqueOrThrow({
    where: { id: taskId },
    select: { inputTokens: true, outputTokens: true, costUsd: true },
  });
  return {
    inputTokens: plus(before.inputTokens, usage.inputTokens),
    outputTokens: plus(before.outputTokens, usage.outputTokens),
    costUsd: plus(before.costUsd, usage.costUsd),
  };
}

/** Marks a document task done with what its calls used (added to what earlier executions used). */
export async function settleTask(tx: Pick<typeof db, "task">, task: ClaimedTask, usage: CallUsage): Promise<void> {
  await tx.task.update({
    where: { id: task.id },
    data: {
      status: "DONE",
      leasedUntil: null,
      attempts: usage.attempts,
      ...(await addTaskUsage(tx, task.id, usage)),
    },
  });
}

/**
 * Stores a chunk's items, each kept or dropped with where and why, and settles its task, in one
 * transaction. The run's lock makes near-duplicate removal see every instruction stored before
 * (first stored wins). Items are keyed (run, chunk, item index): a task executed again after a
 * worker died stores nothing new. Preference items that passed get a task for their rejected
 * answer, keyed the same way.
 */
export async function storeChunkItems(task: ClaimedTask, items: ParsedItem[], usage: CallUsage): Promise<void> {
  const { settings, evaluation } = await runSettings(task.runId);
  const chunk = await db.chunk.findUniqueOrThrow({ where: { id: task.chunkId! } });
  let queued = false;
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`doc-run:${task.runId}`}))`;
    const stored = await tx.docItem.count({ where: { runId: task.runId, chunkId: chunk.id } });
    if (!stored && items.length) {
      // Instructions of this run that got past near-duplicate removal.
      const earlier = await tx.docItem.findMany({
        where: {
          runId: task.runId,
          OR: [{ droppedAt: null }, { droppedAt: { in: ["CONTAMINATED", "NO_REJECTED"] } }],
        },
        select: { instruction: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      let existing = new Set<string>();
      if (settings.mode === "PREFERENCES") {
        const keys = items.flatMap((i) => (i.ok ? [promptKey(i.instruction)] : []));
        const rows = await tx.prompt.findMany({
          where: { projectId: task.projectId, promptKey: { in: keys } },
          select: { promptKey: true },
        });
        existing = new Set(rows.map((r) => r.promptKey));
      }
      const sifted = siftItems(items, chunk.text, settings, {
        earlier: earlier.map((e) => shingles(e.instruction)),
        evaluation,
        isExistingPrompt: (instruction) => existing.has(promptKey(instruction)),
      });
      const preferences = settings.mode === "PREFERENCES";
      await tx.docItem.createMany({
        data: sifted.map((s) => ({
          runId: task.runId,
          chunkId: chunk.id,
          documentId: chunk.documentId,
          itemIndex: s.itemIndex,
          instruction: s.instruction,
          answer: preferences ? null : s.answer,
          chosen: preferences ? s.answer : null,
          raw: s.raw,
          status: s.droppedAt ? "DROPPED" : preferences ? "PENDING" : "KEPT",
          droppedAt: s.droppedAt,
          dropReason: s.dropReason,
        })),
        skipDuplicates: true,
      });
      const passed = sifted.filter((s) => !s.droppedAt);
      if (preferences && passed.length) {
        await tx.task.createMany({
          data: passed.map((s) => ({
            runId: task.runId,
            projectId: task.projectId,
            chunkId: chunk.id,
            itemIndex: s.itemIndex,
            endpointId: settings.rejectedEndpointId ?? settings.generatorEndpointId,
            role: "WEAK" as const,
          })),
          skipDuplicates: true,
        });
        queued = true;
      }
    }
    await settleTask(tx, task, usage);
  });
  if (queued) await notifyWork();
}
