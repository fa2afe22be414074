import "server-only";
import { db } from "@/lib/db";
import type { RunKind } from "@/lib/generated/prisma/client";
import { askStructured } from "@/lib/jobs/ask-structured";
import type { ClaimedTask, Executor, TaskContext, TaskOutcome } from "@/lib/jobs/types";
import { callCostUsd } from "@/lib/models/cost";
import { itemsEnvelopeSchema, parseItems } from "./items";
import { buildChunkPrompt, buildItemsRepairPrompt } from "./prompt";
import { runSettings } from "./run-settings";
import { addTaskUsage, storeChunkItems } from "./store-items";
import { storeTriple } from "./store-triple";

const sum = (values: (number | null)[]) =>
  values.some((v) => v === null) ? null : values.reduce<number>((a, b) => a + b!, 0);

const CHUNK_GONE = "The chunk no longer exists: its document was deleted";

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
  const { calls, parsed, attempts } = asked.answer;
  const inputTokens = sum(calls.map((c) => c.inputTokens));
  const outputTokens = sum(calls.map((c) => c.outputTokens));
  const usage = { inputTokens, outputTokens, costUsd: callCostUsd(endpoint, inputTokens, outputTokens), attempts };
  if (!parsed.ok) {
    // Paid for all the same: the usage stays on the task.
    await db.task.update({ where: { id: task.id }, data: await addTaskUsage(db, task.id, usage) });
    return ctx.fail(
      task,
      "unusable_reply",
      `No {"items": [...]} after a repair attempt: ${parsed.error}`.slice(0, 1000),
      attempts,
    );
  }
  await storeChunkItems(task, parsed.value, usage);
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
  await storeTriple(
    task,
    item,
    result,
    {
      inputTokens: result.inputTokens,
      outputTokens: result.outputTokens,
      costUsd: callCostUsd(endpoint, result.inputTokens, result.outputTokens),
      attempts,
    },
    project.systemPrompt || null,
  );
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
