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

/** This process's stores of each run, one after another: the tail of each run's queue. */
const storesOfRun = new Map<string, Promise<unknown>>();

/** Runs `store` after this process's earlier stores of the run have ended (however they ended). */
function afterEarlierStores<T>(runId: string, store: () => Promise<T>): Promise<T> {
  const result = (storesOfRun.get(runId) ?? Promise.resolve()).then(store, store);
  const tail = result.catch(() => undefined);
  storesOfRun.set(runId, tail);
  void tail.then(() => {
    if (storesOfRun.get(runId) === tail) storesOfRun.delete(runId);
  });
  return result;
}

/**
 * How long a chunk's store may take, waiting for the run's lock included. Stores of one run take
 * turns on that lock; another worker process's store of the run may hold it while this one waits.
 * Prisma's defaults (2 s to get a connection, 5 s in all) were outlasted with 32 chunks finishing
 * at once: the stores waiting inside their transaction expired ("Invalid `tx.docItem.count()`
 * invocation"), those waiting for a connection never began, and each crashed store's chunk was
 * asked of the model again.
 */
export const STORE_TRANSACTION = { maxWait: 30_000, timeout: 120_000 };

/**
 * Stores a chunk's items, each kept or dropped with where and why, and settles its task, in one
 * transaction. The run's lock makes near-duplicate removal see every instruction stored before
 * (first stored wins). Items are keyed (run, chunk, item index): a task executed again after a
 * worker died stores nothing new. Preference items that passed get a task for their rejected
 * answer, keyed the same way.
 *
 * A process's stores of one run queue here, in memory, before they take a connection: queued on
 * the lock inside their transactions, they held every connection of the pool (the heartbeat's
 * and the claims' too) while waiting, and their transactions' clocks ran.
 */
export function storeChunkItems(task: ClaimedTask, items: ParsedItem[], usage: CallUsage): Promise<void> {
  return afterEarlierStores(task.runId, () => storeNow(task, items, usage));
}

async function storeNow(task: ClaimedTask, items: ParsedItem[], usage: CallUsage): Promise<void> {
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
  }, STORE_TRANSACTION);
  if (queued) await notifyWork();
}
