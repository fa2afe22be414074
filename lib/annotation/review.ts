import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { LABELS } from "@/lib/labels/precedence";
import { pairOutcome, type Label } from "./outcome";

export const adjudicationSchema = z.object({
  label: z.enum(LABELS, { error: "label must be A, B, TIE or BOTH_BAD" }),
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
        },
      },
      adjudication: true,
    },
  });
  if (!pair) throw new NotFoundError("Pair");
  const users = await db.user.findMany({ where: { id: { in: pair.votes.map((v) => v.userId) } }, select: { id: true, email: true } });
  const email = new Map(users.map((u) => [u.id, u.email]));
  return {
    votes: pair.votes.map((v) => ({ ...v, annotator: email.get(v.userId) ?? "deleted user" })),
    adjudication: pair.adjudication,
    outcome: pairOutcome(pair.votes.map((v) => v.choice as Label), pair.adjudication?.label as Label | undefined),
  };
}

export async function adjudicate(projectId: string, pairId: string, userId: string, input: z.input<typeof adjudicationSchema>) {
  const { label, reason } = adjudicationSchema.parse(input);
  const pair = await db.pair.findFirst({ where: { id: pairId, projectId }, select: { id: true } });
  if (!pair) throw new NotFoundError("Pair");
  return db.adjudication.upsert({
    where: { pairId },
    create: { pairId, label, reason, userId },
    update: { label, reason, userId },
  });
}

/** Pairs whose voters did not all make the same choice, newest votes first. */
export async function listDisagreements(projectId: string, limit = 100) {
  const rows = await db.$queryRaw<{ pairId: string; prompt: string; votes: number; choices: string[]; adjudicated: boolean }[]>`
    SELECT v."pairId", left(pr."text", 200) AS prompt, count(*)::int AS votes,
           array_agg(v."choice"::text ORDER BY v."createdAt") AS choices,
           (a."pairId" IS NOT NULL) AS adjudicated
    FROM "Vote" v
    JOIN "Pair" p ON p."id" = v."pairId"
    JOIN "Prompt" pr ON pr."id" = p."promptId"
    LEFT JOIN "Adjudication" a ON a."pairId" = v."pairId"
    WHERE v."projectId" = ${projectId}
    GROUP BY v."pairId", pr."text", a."pairId"
    HAVING count(DISTINCT v."choice") > 1
    ORDER BY max(v."createdAt") DESC
    LIMIT ${limit}`;
  return rows;
}
