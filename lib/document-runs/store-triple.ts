import "server-only";
import { db } from "@/lib/db";
import type { DocItem } from "@/lib/generated/prisma/client";
import { promptKey } from "@/lib/imports";
import type { ClaimedTask } from "@/lib/jobs/types";
import type { CallModelResult } from "@/lib/models/call";
import { dropReason } from "./drop-reasons";
import { settleTask, STORE_TRANSACTION, type CallUsage } from "./store-items";

/**
 * Turns a preference item and its rejected answer into what the rest of Pairwise works with: a
 * prompt, the extract as the chosen candidate (source DOCUMENT, its chunk as provenance), the
 * answer as the rejected one (GENERATED, its endpoint), and a pair whose implicit label is the
 * extract's side (A). Under the item's row lock and only while it is pending, so a task executed
 * twice forms one pair; the task is settled in the same transaction.
 */
export async function storeTriple(
  task: ClaimedTask,
  item: DocItem,
  result: CallModelResult,
  usage: CallUsage,
  systemPrompt: string | null,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ status: string }[]>`
      SELECT "status" FROM "DocItem" WHERE "id" = ${item.id} FOR UPDATE`;
    if (locked?.status !== "PENDING") return settleTask(tx, task, usage);
    const drop = (reason: string) =>
      tx.docItem.update({
        where: { id: item.id },
        data: { status: "DROPPED", droppedAt: "NO_REJECTED", dropReason: reason },
      });
    if (!result.text.trim()) {
      await drop(dropReason.emptyRejected);
      return settleTask(tx, task, usage);
    }
    const key = promptKey(item.instruction);
    const taken = await tx.prompt.findUnique({
      where: { projectId_promptKey: { projectId: task.projectId, promptKey: key } },
    });
    if (taken) {
      // Another run made this prompt meanwhile: a second pair for it would be a duplicate.
      await tx.docItem.update({
        where: { id: item.id },
        data: { status: "DROPPED", droppedAt: "NEAR_DUPLICATE", dropReason: dropReason.existingPrompt },
      });
      return settleTask(tx, task, usage);
    }
    const prompt = await tx.prompt.create({
      data: {
        projectId: task.projectId,
        text: item.instruction,
        promptKey: key,
        metadata: { source: "document", runId: task.runId, documentId: item.documentId, chunkId: item.chunkId },
      },
    });
    const chosen = await tx.candidate.create({
      data: {
        projectId: task.projectId,
        promptId: prompt.id,
        source: "DOCUMENT",
        chunkId: item.chunkId,
        text: item.chosen!,
      },
    });
    const rejected = await tx.candidate.create({
      data: {
        projectId: task.projectId,
        promptId: prompt.id,
        source: "GENERATED",
        endpointId: task.endpointId,
        role: "WEAK",
        text: result.text,
        finishReason: result.finishReason,
        flaw: result.finishReason === "length" ? "TRUNCATED" : null,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        latencyMs: result.latencyMs,
        costUsd: usage.costUsd,
        model: result.model,
        params: result.params as object,
        systemPrompt,
      },
    });
    const pair = await tx.pair.create({
      data: {
        projectId: task.projectId,
        promptId: prompt.id,
        candidateAId: chosen.id,
        candidateBId: rejected.id,
        implicitLabel: "A",
      },
    });
    await tx.docItem.update({
      where: { id: item.id },
      data: { status: "KEPT", rejected: result.text, pairId: pair.id },
    });
    await settleTask(tx, task, usage);
  }, STORE_TRANSACTION);
}
