import "server-only";
import { db } from "@/lib/db";
import { errorLine } from "@/lib/error-line";
import type { RunKind } from "@/lib/generated/prisma/client";
import { askStructured, REPLY_TRUNCATED, truncationMessage } from "@/lib/jobs/ask-structured";
import type { ClaimedTask, Executor, TaskContext, TaskOutcome } from "@/lib/jobs/types";
import { callCostUsd } from "@/lib/models/cost";
import { itemsEnvelopeSchema, parseItems } from "./items";
import { buildChunkPrompt, buildItemsRepairPrompt } from "./prompt";
import { runSettings } from "./run-settings";
import { addTaskUsage, storeChunkItems } from "./store-items";
import { storeTriple } from "./store-triple";
import { clip } from "@/lib/clip";

const sum = (values: (number | null)[]) =>
  values.some((v) => v === null) ? null : values.reduce<number>((a, b) => a + b!, 0);

const CHUNK_GONE = "The chunk no longer exists: its document was deleted";

/** Tries of a store with the reply in hand, and the pause before the second (doubled each time). */
const STORE_TRIES = 3;
const STORE_PAUSE_MS = 500;

/**
 * Stores a task's reply, trying again while the database refuses (a dropped connection, a
 * transaction that timed out): a task taken again would pay for its call again. Stores are keyed,
 * so a try whose commit went through and was reported as failed stores nothing the second time.
 * After the last try the error says the call will be made again.
 */
async function storeReply(store: () => Promise<void>): Promise<void> {
  for (let tries = 1; ; tries++) {
    try {
      return await store();
    } catch (err) {
      if (tries >= STORE_TRIES)
        throw new Error(
          `Storing the model's reply failed ${STORE_TRIES} times (last: ${errorLine(err)}); the task will call the model again`,
        );
      await new Promise((r) => setTimeout(r, STORE_PAUSE_MS * 2 ** (tries - 1)));
    }
  }
}

/** A chunk's task: one call for n items (structured, with the endpoint's fallbacks), each sifted and stored. */
async function askChunk(task: ClaimedTask, ctx: TaskContext): Promise<TaskOutcome> {
  if (!task.chunkId) return ctx.fail(task, "chunk_missing", CHUNK_GONE);
  const [{ settings }, endpoint, chunk] = await Promise.all([
    runSettings(task.runId),
    ctx.endpoint(task),
    db.chunk.findUnique({ where: { id: task.chunkId }, select: { text: true } }),
  ]);
  if (!chunk) return ctx.fail(task, "chunk_missing", CHUNK_GONE);
  const { mode, itemsPerChunk: n } = settings;
  const messages = buildChunkPrompt(mode, n, chunk.text);
  const asked = await askStructured(task, ctx, endpoint, messages, {
    structured: {
      schema: itemsEnvelopeSchema(mode),
      name: mode === "INSTRUCTIONS" ? "instruction_items" : "preference_items",
      description: "Items written from the document chunk.",
    },
    parse: (reply) => parseItems(reply, mode, n),
    repairPrompt: (m, bad, problem) => buildItemsRepairPrompt(mode, m, bad, problem),
    overrides: {},
  });
  if (!asked.ok) return asked.outcome;
  const { calls, parsed, attempts, truncated } = asked.answer;
  const inputTokens = sum(calls.map((c) => c.inputTokens));
  const outputTokens = sum(calls.map((c) => c.outputTokens));
  const usage = { inputTokens, outputTokens, costUsd: callCostUsd(endpoint, inputTokens, outputTokens), attempts };
  if (!parsed.ok) {
    // Paid for all the same: the usage stays on the task.
    await db.task.update({ where: { id: task.id }, data: await addTaskUsage(db, task.id, usage) });
    if (truncated) return ctx.fail(task, REPLY_TRUNCATED, truncationMessage(calls.at(-1)!.params.maxTokens), attempts);
    return ctx.fail(
      task,
      "unusable_reply",
      clip(`No {"items": [...]} after a repair attempt: ${parsed.error}`, 1000),
      attempts,
    );
  }
  await storeReply(() => storeChunkItems(task, parsed.value, usage));
  return "done";
}

/** A preference item's second task: the instruction alone, without its chunk, to the (weaker) endpoint. */
async function askRejected(task: ClaimedTask, ctx: TaskContext): Promise<TaskOutcome> {
  if (!task.chunkId) return ctx.fail(task, "chunk_missing", CHUNK_GONE);
  const item = await db.docItem.findUnique({
    where: { runId_chunkId_itemIndex: { runId: task.runId, chunkId: task.chunkId, itemIndex: task.itemIndex! } },
  });
  if (!item) return ctx.fail(task, "item_missing", "The item no longer exists");
  if (item.status !== "PENDING") {
    await db.task.update({ where: { id: task.id }, data: { status: "DONE", leasedUntil: null } });
    return "done";
  }
  const [project, endpoint] = await Promise.all([ctx.project(task), ctx.endpoint(task)]);
  const messages = [
    ...(project.systemPrompt ? [{ role: "system" as const, content: project.systemPrompt }] : []),
    { role: "user" as const, content: item.instruction },
  ];
  const call = await ctx.call(task, endpoint, messages, {});
  if (!call.ok) return call.outcome;
  const { result, attempts } = call;
  const usage = {
    inputTokens: result.inputTokens,
    outputTokens: result.outputTokens,
    costUsd: callCostUsd(endpoint, result.inputTokens, result.outputTokens),
    attempts,
  };
  await storeReply(() => storeTriple(task, item, result, usage, project.systemPrompt || null));
  return "done";
}

function documentExecutor<K extends "DOC_INSTRUCTIONS" | "DOC_PREFERENCES">(kind: K): Executor<K> {
  return {
    kind,
    execute: (task, ctx) => (task.itemIndex === null ? askChunk(task, ctx) : askRejected(task, ctx)),

    // Failed chunk calls were paid for too: their usage stays on the task.
    async usage(runId) {
      const [u] = await db.$queryRaw<{ input: number; output: number; cost: number }[]>`
        SELECT coalesce(sum("inputTokens"), 0)::float8 AS input, coalesce(sum("outputTokens"), 0)::float8 AS output,
               coalesce(sum("costUsd"), 0)::float8 AS cost
        FROM "Task" WHERE "runId" = ${runId}`;
      return u!;
    },

    async summary(runId) {
      const rows = await db.docItem.groupBy({ by: ["status"], where: { runId }, _count: true });
      const of = (s: string) => rows.find((r) => r.status === s)?._count ?? 0;
      return { kept: of("KEPT"), dropped: of("DROPPED"), pending: of("PENDING") };
    },
  } as Executor<K>;
}

export const docInstructionsExecutor = documentExecutor("DOC_INSTRUCTIONS");
export const docPreferencesExecutor = documentExecutor("DOC_PREFERENCES");
export type DocumentRunKind = Extract<RunKind, "DOC_INSTRUCTIONS" | "DOC_PREFERENCES">;
