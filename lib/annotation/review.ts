import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { LABELS } from "@/lib/labels/precedence";
import { pairOutcome, type Label } from "./outcome";

export const adjudicationSchema = z.object({
  label: z.enum(LABELS, { error: "Choose a label: A, B, tie or both bad" }),
  reason: z.string().trim().min(1, "Say why").max(2000),
});

/** Every vote on a pair, who cast it and how, with the pair's outcome. For admins. */
export async function pairReview(projectId: string, pairId: string) {
  const pair = await db.pair.findFirst({
    where: { id: pairId, projectId },
    select: {
      votes: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          choice: true,
          strength: true,
          rationale: true,
          editedText: true,
          flags: true,
          leftIsA: true,
          timeOnItemMs: true,
          createdAt: true,
          userId: true,
          excluded: true,
        },
      },
      adjudication: true,
      assignments: {
        where: { status: "SKIPPED" },
        orderBy: { updatedAt: "asc" },
        select: { id: true, userId: true, skipReason: true, skipFlags: true, updatedAt: true },
      },
    },
  });
  if (!pair) throw new NotFoundError("Pair");
  const userIds = [
    ...pair.votes.map((v) => v.userId),
    ...pair.assignments.map((a) => a.userId),
    pair.adjudication?.userId ?? "",
  ];
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } });
  const email = new Map(users.map((u) => [u.id, u.email]));
  const who = (id: string) => email.get(id) ?? "deleted user";
  return {
    votes: pair.votes.map((v) => ({ ...v, annotator: who(v.userId) })),
    skips: pair.assignments.map(({ userId, updatedAt, ...s }) => ({
      ...s,
      skippedAt: updatedAt,
      annotator: who(userId),
    })),
    adjudication: pair.adjudication && { ...pair.adjudication, adjudicator: who(pair.adjudication.userId) },
    // Votes the trust rule leaves out are listed but not counted.
    outcome: pairOutcome(
      pair.votes.filter((v) => !v.excluded).map((v) => v.choice as Label),
      pair.adjudication?.label as Label | undefined,
    ),
  };
}

export async function adjudicate(
  projectId: string,
  pairId: string,
  userId: string,
  input: z.input<typeof adjudicationSchema>,
) {
  const { label, reason } = adjudicationSchema.parse(input);
  const pair = await db.pair.findFirst({
    where: { id: pairId, projectId },
    select: { id: true, candidateA: { select: { authorId: true } }, candidateB: { select: { authorId: true } } },
  });
  if (!pair) throw new NotFoundError("Pair");
  // No self-review: whoever wrote one of the answers does not decide between them.
  if (pair.candidateA.authorId === userId || pair.candidateB.authorId === userId) {
    throw new ForbiddenError("own_answer", "You wrote one of these answers, so someone else must decide this pair");
  }
  return db.adjudication.upsert({
    where: { pairId },
    create: { pairId, label, reason, userId },
    update: { label, reason, userId },
  });
}
