import "server-only";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/api/errors";
import type { VoteChoice } from "@/lib/generated/prisma/client";
import { LEASE_MINUTES, UNDO_SECONDS } from "./config";
import { loadItems } from "./items";
import type { AnnotationItem, VoteInput } from "./schemas";
import { voteSchema } from "./schemas";

const notHeld = () => new ApiError(409, "not_held", "You do not hold this pair (it may have been served to someone else)");

/** Screen sides to candidates: the annotator saw A on the left only when leftIsA. */
export function toCandidateChoice(choice: "LEFT" | "RIGHT" | "TIE" | "BOTH_BAD", leftIsA: boolean): VoteChoice {
  if (choice === "LEFT") return leftIsA ? "A" : "B";
  if (choice === "RIGHT") return leftIsA ? "B" : "A";
  return choice;
}

/**
 * Records a vote once: the client's id makes a retried or double-clicked submit a no-op. Runs
 * under the pair's row lock, so the pair never gets more votes than the project's overlap.
 */
export async function submitVote(projectId: string, userId: string, raw: VoteInput): Promise<{ voteId: string }> {
  const input = voteSchema.parse(raw);
  const existing = await db.vote.findUnique({ where: { id: input.voteId }, select: { userId: true } });
  if (existing) {
    if (existing.userId !== userId) throw new ApiError(409, "vote_id_taken", "This vote id is already used");
    return { voteId: input.voteId };
  }
  return db.$transaction(async (tx) => {
    const [a] = await tx.$queryRaw<{ id: string; pairId: string; status: string; leftIsA: boolean; leasedUntil: Date }[]>`
      SELECT "id", "pairId", "status", "leftIsA", "leasedUntil" FROM "Assignment"
      WHERE "id" = ${input.assignmentId} AND "userId" = ${userId} AND "projectId" = ${projectId}
      FOR UPDATE`;
    if (!a) throw notHeld();
    if (a.status === "VOTED") {
      const vote = await tx.vote.findUnique({ where: { assignmentId: a.id }, select: { id: true } });
      if (vote?.id === input.voteId) return { voteId: vote.id }; // the same submit, raced
      throw new ApiError(409, "already_voted", "You already voted on this pair");
    }
    if (a.status !== "OPEN") throw notHeld();
    const [pair] = await tx.$queryRaw<{ voteCount: number; overlap: number; others: number }[]>`
      SELECT p."voteCount", pr."overlap",
        (SELECT count(*) FROM "Assignment" h WHERE h."pairId" = p."id" AND h."status" = 'OPEN'
           AND h."leasedUntil" > now() AND h."userId" <> ${userId})::int AS others
      FROM "Pair" p JOIN "Project" pr ON pr."id" = p."projectId"
      WHERE p."id" = ${a.pairId} FOR UPDATE OF p`;
    // A lapsed lease still counts if nobody took the slot meanwhile.
    const room = a.leasedUntil > new Date() ? pair!.overlap - pair!.voteCount : pair!.overlap - pair!.voteCount - pair!.others;
    if (room <= 0) throw new ApiError(409, "lease_expired", "Your time on this pair ran out and it went to someone else");
    await tx.vote.create({
      data: {
        id: input.voteId,
        assignmentId: a.id,
        projectId,
        pairId: a.pairId,
        userId,
        choice: toCandidateChoice(input.choice, a.leftIsA),
        strength: input.strength,
        rationale: input.rationale || null,
        leftIsA: a.leftIsA,
        timeOnItemMs: input.timeOnItemMs,
        editedText: input.editedText || null,
        flags: input.flags ?? [],
      },
    });
    await tx.assignment.update({ where: { id: a.id }, data: { status: "VOTED" } });
    await tx.pair.update({ where: { id: a.pairId }, data: { voteCount: { increment: 1 } } });
    return { voteId: input.voteId };
  });
}

/** Takes back the annotator's vote within a minute; the pair is theirs again, same sides. */
export async function undoVote(projectId: string, userId: string, voteId: string): Promise<AnnotationItem> {
  const assignment = await db.$transaction(async (tx) => {
    const vote = await tx.vote.findFirst({ where: { id: voteId, userId, projectId } });
    if (!vote) throw new ApiError(404, "not_found", "Vote not found");
    if (Date.now() - vote.createdAt.getTime() > UNDO_SECONDS * 1000) {
      throw new ApiError(409, "too_late", `A vote can be undone within ${UNDO_SECONDS} seconds`);
    }
    await tx.$queryRaw`SELECT 1 FROM "Pair" WHERE "id" = ${vote.pairId} FOR UPDATE`;
    await tx.vote.delete({ where: { id: vote.id } });
    await tx.pair.update({ where: { id: vote.pairId }, data: { voteCount: { decrement: 1 } } });
    return tx.assignment.update({
      where: { id: vote.assignmentId },
      data: { status: "OPEN", leasedUntil: new Date(Date.now() + LEASE_MINUTES * 60_000) },
    });
  });
  return (await loadItems([assignment]))[0]!;
}

export async function skipPair(projectId: string, userId: string, input: { assignmentId: string; reason: string; flags?: string[] }) {
  const { count } = await db.assignment.updateMany({
    where: { id: input.assignmentId, userId, projectId, status: "OPEN" },
    data: { status: "SKIPPED", skipReason: input.reason, skipFlags: input.flags ?? [] },
  });
  if (!count) throw notHeld();
}
