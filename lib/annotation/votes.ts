import "server-only";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { randomUUID } from "node:crypto";
import { bulkPool, bulkTransaction, type BulkClient } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import { judgeDecidesSql } from "@/lib/projects/modes";
import { applyTrust } from "@/lib/trust";
import type { VoteChoice } from "@/lib/generated/prisma/client";
import { LEASE_MINUTES, UNDO_SECONDS } from "./config";
import { loadItems } from "./items";
import { previewLeftIsA, previewPairId } from "./preview";
import { servableSql } from "./queue";
import type { AnnotationItem, VoteInput } from "./schemas";
import { voteSchema } from "./schemas";

const filled = () =>
  new ConflictError(
    "pair_filled",
    "This pair got all the votes it needs while you were reading it, so your vote was not recorded; here is the next one",
  );
const expired = () => new ConflictError("lease_expired", "Your time on this pair ran out and it went to someone else");
const notHeld = () =>
  new ConflictError("not_held", "You do not hold this pair (it may have been served to someone else)");

/** Screen sides to candidates: the annotator saw A on the left only when leftIsA. */
export function toCandidateChoice(choice: "LEFT" | "RIGHT" | "TIE" | "BOTH_BAD", leftIsA: boolean): VoteChoice {
  if (choice === "LEFT") return leftIsA ? "A" : "B";
  if (choice === "RIGHT") return leftIsA ? "B" : "A";
  return choice;
}

/** The statements of a submit, exported so the annotation bench's baseline sends exactly these. */
export const VOTE_SQL = {
  existing: `SELECT "userId" FROM "Vote" WHERE "id" = $1`,
  held: `SELECT "id", "pairId", "status", "leftIsA", "leasedUntil" FROM "Assignment"
       WHERE "id" = $1 AND "userId" = $2 AND "projectId" = $3 FOR UPDATE`,
  pair: `SELECT p."voteCount", pr."overlap", p."goldLabel" IS NOT NULL AS gold,
         (SELECT count(*) FROM "Assignment" h WHERE h."pairId" = p."id" AND h."status" = 'OPEN'
            AND h."leasedUntil" > now() AND h."userId" <> $2)::int AS others
       FROM "Pair" p JOIN "Project" pr ON pr."id" = p."projectId"
       WHERE p."id" = $1 FOR UPDATE OF p`,
  /**
   * An admin's preview: the pair locked, its votes and others' live holds counted under the lock,
   * and whether the queue serves it to this admin at all (the queue's own rules: not gold, sent
   * to humans where the judge decides, no answer of theirs, not reserved for others). No row for
   * a caller who is not an admin: a preview id is an admin's alone.
   */
  previewPair: `SELECT (p."voteCount" + (SELECT count(*) FROM "Assignment" h WHERE h."pairId" = p."id"
           AND h."status" = 'OPEN' AND h."leasedUntil" > now() AND h."userId" <> $2))::int AS "taken", pr."overlap",
         ((NOT (${judgeDecidesSql(`pr."evaluationMode"`)}) OR p."reviewReason" IS NOT NULL)
          AND ${servableSql("$2")}) AS "servable"
       FROM "Pair" p JOIN "Project" pr ON pr."id" = p."projectId"
         JOIN "User" u ON u."id" = $2 AND u."role" = 'ADMIN'
       WHERE p."id" = $1 AND p."projectId" = $3 FOR UPDATE OF p`,
  previewAssign: `INSERT INTO "Assignment" ("id", "projectId", "pairId", "userId", "leftIsA", "status", "leasedUntil", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6::"AssignmentStatus", now() + make_interval(mins => $7), now())
       ON CONFLICT ("pairId", "userId") DO NOTHING`,
  own: `SELECT "id" FROM "Assignment" WHERE "pairId" = $1 AND "userId" = $2`,
  // A vote takes its annotator's trust flag (lib/trust): excluded when their other votes are, and
  // then it does not count towards the pair's overlap (voteCount counts the votes that count).
  record: `WITH vote AS (
         INSERT INTO "Vote" ("id", "assignmentId", "projectId", "pairId", "userId", "choice", "strength", "rationale",
                             "leftIsA", "timeOnItemMs", "editedText", "flags", "excluded")
         VALUES ($1, $2, $3, $4, $5, $6::"VoteChoice", $7, $8, $9, $10, $11, $12::text[],
                 EXISTS (SELECT 1 FROM "Vote" x WHERE x."projectId" = $3 AND x."userId" = $5 AND x."excluded"))
         RETURNING "excluded"),
       assignment AS (UPDATE "Assignment" SET "status" = 'VOTED', "updatedAt" = now() WHERE "id" = $2)
       UPDATE "Pair" SET "voteCount" = "voteCount" + (SELECT CASE WHEN "excluded" THEN 0 ELSE 1 END FROM vote)
       WHERE "id" = $4`,
};

/**
 * Turns an admin's preview into an assignment of theirs (or finds the one they already have), with
 * the pair's slots re-counted under its row lock: a pair that filled while they looked is refused.
 */
async function assignPreview(
  c: BulkClient,
  projectId: string,
  userId: string,
  pairId: string,
  status: "OPEN" | "SKIPPED",
): Promise<string> {
  const { rows } = await c.query<{ taken: number; overlap: number; servable: boolean }>(VOTE_SQL.previewPair, [
    pairId,
    userId,
    projectId,
  ]);
  const pair = rows[0];
  if (!pair || !pair.servable) throw notHeld();
  if (status === "OPEN" && pair.taken >= pair.overlap) throw filled();
  const id = randomUUID();
  const leftIsA = previewLeftIsA(pairId, userId);
  await c.query(VOTE_SQL.previewAssign, [id, projectId, pairId, userId, leftIsA, status, LEASE_MINUTES]);
  const own = await c.query<{ id: string }>(VOTE_SQL.own, [pairId, userId]);
  return own.rows[0]!.id;
}

/**
 * Records a vote once: the client's id makes a retried or double-clicked submit a no-op. Runs
 * under the assignment's and the pair's row locks, so the pair never gets more votes than the
 * project's overlap. A gold pair takes one answer from every annotator it is served to, so its
 * overlap does not apply; the answer changes the annotator's gold accuracy, and with it which of
 * their votes the trust rule leaves out.
 */
export async function submitVote(projectId: string, userId: string, raw: VoteInput): Promise<{ voteId: string }> {
  const input = voteSchema.parse(raw);
  const existing = await bulkPool().query<{ userId: string }>(VOTE_SQL.existing, [input.voteId]);
  if (existing.rows[0]) {
    if (existing.rows[0].userId !== userId) throw new ConflictError("vote_id_taken", "This vote id is already used");
    return { voteId: input.voteId };
  }
  const result = await bulkTransaction(async (c): Promise<{ voteId: string } | { refused: () => ConflictError }> => {
    const pairId = previewPairId(input.assignmentId);
    const assignmentId = pairId ? await assignPreview(c, projectId, userId, pairId, "OPEN") : input.assignmentId;
    const { rows: held } = await c.query<{
      id: string;
      pairId: string;
      status: string;
      leftIsA: boolean;
      leasedUntil: Date;
    }>(VOTE_SQL.held, [assignmentId, userId, projectId]);
    const a = held[0];
    if (!a) throw notHeld();
    if (a.status === "VOTED") {
      const { rows } = await c.query<{ id: string }>(`SELECT "id" FROM "Vote" WHERE "assignmentId" = $1`, [a.id]);
      if (rows[0]?.id === input.voteId) return { voteId: input.voteId }; // the same submit, raced
      throw new ConflictError("already_voted", "You already voted on this pair");
    }
    if (a.status !== "OPEN") throw notHeld();
    const { rows: pairs } = await c.query<{ voteCount: number; overlap: number; gold: boolean; others: number }>(
      VOTE_SQL.pair,
      [a.pairId, userId],
    );
    const pair = pairs[0]!;
    // The pair may have got all its votes while held (the overlap lowered, an annotator's
    // left-out votes counted again); a lapsed lease still counts if nobody took the slot meanwhile.
    // Either way the hold is released, so the queue does not serve the pair to them again.
    const refusal = pair.gold
      ? null
      : pair.overlap - pair.voteCount <= 0
        ? filled
        : new Date(a.leasedUntil) <= new Date() && pair.overlap - pair.voteCount - pair.others <= 0
          ? expired
          : null;
    if (refusal) {
      await c.query(`DELETE FROM "Assignment" WHERE "id" = $1`, [a.id]);
      return { refused: refusal };
    }
    await c.query(VOTE_SQL.record, [
      input.voteId,
      a.id,
      projectId,
      a.pairId,
      userId,
      toCandidateChoice(input.choice, a.leftIsA),
      input.strength ?? null,
      input.rationale || null,
      a.leftIsA,
      input.timeOnItemMs,
      input.editedText || null,
      input.flags ?? [],
    ]);
    if (pair.gold) await applyTrust(projectId, { userId, client: c });
    return { voteId: input.voteId };
  });
  // Refused after the transaction, so the hold's release is committed.
  if ("refused" in result) throw result.refused();
  return result;
}

/** Takes back the annotator's vote within a minute; the pair is theirs again, same sides. */
export async function undoVote(projectId: string, userId: string, voteId: string): Promise<AnnotationItem> {
  const assignment = await db.$transaction(async (tx) => {
    const vote = await tx.vote.findFirst({ where: { id: voteId, userId, projectId } });
    if (!vote) throw new NotFoundError("Vote");
    if (Date.now() - vote.createdAt.getTime() > UNDO_SECONDS * 1000) {
      throw new ConflictError("too_late", `A vote can be undone within ${UNDO_SECONDS} seconds`);
    }
    await tx.$queryRaw`SELECT 1 FROM "Pair" WHERE "id" = ${vote.pairId} FOR UPDATE`;
    await tx.vote.delete({ where: { id: vote.id } });
    const pair = await tx.pair.update({
      where: { id: vote.pairId },
      data: { voteCount: { decrement: vote.excluded ? 0 : 1 } },
      select: { goldLabel: true },
    });
    const held = await tx.assignment.update({
      where: { id: vote.assignmentId },
      data: { status: "OPEN", leasedUntil: new Date(Date.now() + LEASE_MINUTES * 60_000) },
    });
    return { held, gold: pair.goldLabel !== null };
  });
  // A gold answer taken back no longer counts towards the annotator's accuracy.
  if (assignment.gold) await applyTrust(projectId, { userId });
  return (await loadItems([assignment.held]))[0]!;
}

export async function skipPair(
  projectId: string,
  userId: string,
  input: { assignmentId: string; reason: string; flags?: string[] },
) {
  const pairId = previewPairId(input.assignmentId);
  // A skipped preview takes no slot, so it needs no room; it is recorded so it is not shown again.
  const assignmentId = pairId
    ? await bulkTransaction((c) => assignPreview(c, projectId, userId, pairId, "SKIPPED"))
    : input.assignmentId;
  // A preview's fresh row is SKIPPED without a reason yet.
  const fresh = pairId ? [{ status: "SKIPPED" as const, skipReason: null }] : [];
  const { count } = await db.assignment.updateMany({
    where: { id: assignmentId, userId, projectId, OR: [{ status: "OPEN" }, ...fresh] },
    data: { status: "SKIPPED", skipReason: input.reason, skipFlags: input.flags ?? [] },
  });
  if (!count) throw notHeld();
}
