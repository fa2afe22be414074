import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { ConflictError, InvalidError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

// Review of an instruction run's kept items before they are exported or used as prompts: each
// can be dropped (it leaves the funnel at the REVIEW stage, and can be kept again), or its
// instruction or answer edited, the text stored exactly as typed and the model's text kept beside
// it. Preference runs' items are pairs, reviewed where pairs are (Annotate, the pair page).

export const REVIEW_PAGE_SIZE = 50;

const reviewText = z.string().max(100_000);

export const reviewItemSchema = z.discriminatedUnion("action", [
  z.strictObject({ itemId: z.string().min(1), action: z.literal("drop") }),
  z.strictObject({ itemId: z.string().min(1), action: z.literal("keep") }),
  z.strictObject({
    itemId: z.string().min(1),
    action: z.literal("edit"),
    instruction: reviewText.optional(),
    answer: reviewText.optional(),
  }),
]);
export type ReviewItemInput = z.input<typeof reviewItemSchema>;

export const reviewListQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

export interface ReviewedItem {
  id: string;
  instruction: string;
  answer: string;
  /** KEPT, or DROPPED by a reviewer (dropped at REVIEW): the items a review can change. */
  status: "KEPT" | "DROPPED";
  originalInstruction: string | null;
  originalAnswer: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  documentTitle: string;
  chunkIndex: number;
}

export interface ReviewPage {
  items: ReviewedItem[];
  page: number;
  pages: number;
  kept: number;
  dropped: number;
}

/** What the list shows of an item beside its own fields. */
const shown = {
  document: { select: { title: true } },
  chunk: { select: { index: true } },
  reviewedBy: { select: { email: true } },
} as const;

type ShownRow = Prisma.DocItemGetPayload<{ include: typeof shown }>;

function toReviewed(r: ShownRow): ReviewedItem {
  return {
    id: r.id,
    instruction: r.instruction,
    answer: r.answer ?? "",
    status: r.status === "KEPT" ? "KEPT" : "DROPPED",
    originalInstruction: r.originalInstruction,
    originalAnswer: r.originalAnswer,
    reviewedBy: r.reviewedBy?.email ?? null,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    documentTitle: r.document.title,
    chunkIndex: r.chunk.index,
  };
}

async function instructionRun(projectId: string, runId: string) {
  const run = await db.run.findFirst({ where: { id: runId, projectId }, select: { kind: true } });
  if (!run || run.kind !== "DOC_INSTRUCTIONS") throw new NotFoundError("Instruction run");
}

/** Items a review can change (kept, or dropped in review), in the order the run stored them. */
const reviewable = (runId: string) => ({
  runId,
  OR: [{ status: "KEPT" as const }, { status: "DROPPED" as const, droppedAt: "REVIEW" as const }],
});

export async function listReviewItems(projectId: string, runId: string, page: number): Promise<ReviewPage> {
  await instructionRun(projectId, runId);
  const [rows, kept, dropped] = await Promise.all([
    db.docItem.findMany({
      where: reviewable(runId),
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * REVIEW_PAGE_SIZE,
      take: REVIEW_PAGE_SIZE,
      include: shown,
    }),
    db.docItem.count({ where: { runId, status: "KEPT" } }),
    db.docItem.count({ where: { runId, status: "DROPPED", droppedAt: "REVIEW" } }),
  ]);
  return {
    items: rows.map(toReviewed),
    page,
    pages: Math.max(1, Math.ceil((kept + dropped) / REVIEW_PAGE_SIZE)),
    kept,
    dropped,
  };
}

/** Drops, keeps again or edits one item; returns it as the list shows it. */
export async function reviewItem(projectId: string, runId: string, userId: string, input: ReviewItemInput) {
  const body = reviewItemSchema.parse(input);
  await instructionRun(projectId, runId);
  const item = await db.docItem.findFirst({ where: { id: body.itemId, ...reviewable(runId) } });
  if (!item) throw new NotFoundError("Kept item");
  const reviewed = { reviewedById: userId, reviewedAt: new Date() };
  // Each change applies only if the item is still as it was read: two reviewers at once do not
  // undo each other without a word.
  const unchanged = { id: item.id, status: item.status, instruction: item.instruction, answer: item.answer };
  let data;
  if (body.action === "drop") {
    if (item.status !== "KEPT") throw new ConflictError("already_dropped", "This item is already dropped");
    data = { status: "DROPPED" as const, droppedAt: "REVIEW" as const, dropReason: "dropped in review", ...reviewed };
  } else if (body.action === "keep") {
    if (item.status === "KEPT") throw new ConflictError("already_kept", "This item is already kept");
    data = { status: "KEPT" as const, droppedAt: null, dropReason: null, ...reviewed };
  } else {
    if (item.status !== "KEPT") throw new ConflictError("dropped", "Keep this item again before editing it");
    const fields = (["instruction", "answer"] as const).filter((f) => body[f] !== undefined);
    if (!fields.length) throw new InvalidError("nothing_to_edit", "Send an instruction, an answer or both");
    const empty = fields.filter((f) => !body[f]!.trim());
    if (empty.length)
      throw new InvalidError(
        "empty_text",
        `The ${empty.join(" and ")} must not be empty`,
        empty.map((f) => ({ path: f, message: "must not be empty" })),
      );
    data = {
      ...(body.instruction !== undefined && {
        instruction: body.instruction,
        originalInstruction: item.originalInstruction ?? item.instruction,
      }),
      ...(body.answer !== undefined && {
        answer: body.answer,
        originalAnswer: item.originalAnswer ?? item.answer,
      }),
      ...reviewed,
    };
  }
  const { count } = await db.docItem.updateMany({ where: unchanged, data });
  if (!count) throw new ConflictError("changed", "Someone else changed this item meanwhile: reload to see it");
  return toReviewed(await db.docItem.findUniqueOrThrow({ where: { id: item.id }, include: shown }));
}
