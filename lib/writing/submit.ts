import "server-only";
import { randomUUID } from "node:crypto";
import { bulkTransaction, type BulkClient } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import { ConflictError, InvalidError } from "@/lib/errors";
import { formHumanPairs } from "@/lib/generation";
import { WRITE_LEASE_MINUTES } from "./config";
import { takenSlots, writeHold } from "./queue";
import {
  answerLength,
  writeHoldSchema,
  writeSkipSchema,
  writeSubmitSchema,
  type WriteHold,
  type WriteHoldInput,
  type WriteSkipInput,
  type WriteSubmitInput,
} from "./schemas";

const notHeld = () =>
  new ConflictError("not_held", "You do not hold this prompt (it may have been served to someone else)");

interface Held {
  id: string;
  promptId: string;
  status: string;
  leasedUntil: Date;
  candidateId: string | null;
}

const HELD_SQL = `SELECT "id", "promptId", "status", "leasedUntil", "candidateId" FROM "WriteAssignment"
       WHERE "id" = $1 AND "userId" = $2 AND "projectId" = $3 FOR UPDATE`;

/**
 * Under the prompt's row lock, refuses when the writer's slot on it is gone: answers plus others'
 * live holds fill the prompt's writers. A live lease always leaves room; a lapsed one still
 * counts if nobody took the slot meanwhile.
 */
async function keepSlot(c: BulkClient, promptId: string, userId: string, writersPerPrompt: number): Promise<void> {
  await c.query(`SELECT 1 FROM "Prompt" WHERE "id" = $1 FOR UPDATE`, [promptId]);
  if ((await takenSlots(c, promptId, userId)) >= writersPerPrompt)
    throw new ConflictError("lease_expired", "Your time on this prompt ran out and it went to someone else");
}

/**
 * Stores a written answer as a candidate of the prompt (source HUMAN, with its author and time
 * taken), then forms the pairs it completes. Under the assignment's and the prompt's row locks,
 * so a prompt never gets more answers than writersPerPrompt.
 */
export async function submitAnswer(
  projectId: string,
  userId: string,
  raw: WriteSubmitInput,
): Promise<{ candidateId: string }> {
  const input = writeSubmitSchema.parse(raw);
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId } });
  if (answerLength(input.text) < project.minAnswerChars) {
    throw new InvalidError("too_short", `An answer needs at least ${project.minAnswerChars} characters`, [
      { path: "text", message: `Write at least ${project.minAnswerChars} characters` },
    ]);
  }
  const stored = await bulkTransaction(async (c) => {
    const { rows } = await c.query<Held>(HELD_SQL, [input.assignmentId, userId, projectId]);
    const a = rows[0];
    if (!a) throw notHeld();
    if (a.status === "SUBMITTED") throw new ConflictError("already_submitted", "You already answered this prompt");
    if (a.status !== "OPEN") throw notHeld();
    await keepSlot(c, a.promptId, userId, project.writersPerPrompt);
    const candidateId = randomUUID();
    await c.query(
      `WITH cand AS (
         INSERT INTO "Candidate" ("id", "projectId", "promptId", "source", "text", "authorId", "timeTakenMs")
         VALUES ($1, $2, $3, 'HUMAN', $4, $5, $6)),
       assignment AS (
         UPDATE "WriteAssignment" SET "status" = 'SUBMITTED', "candidateId" = $1, "timeTakenMs" = $6, "updatedAt" = now()
         WHERE "id" = $7)
       UPDATE "Prompt" SET "writtenCount" = "writtenCount" + 1 WHERE "id" = $3`,
      [candidateId, projectId, a.promptId, input.text, userId, input.timeTakenMs, a.id],
    );
    return { candidateId, promptId: a.promptId };
  });
  await formHumanPairs(project, stored.promptId);
  return { candidateId: stored.candidateId };
}

/**
 * Renews the writer's hold on a prompt they are still answering: a lease as long as when it was
 * served, from now. Only an open assignment of theirs; a lapsed one only while nobody took its slot.
 */
export async function holdWrite(projectId: string, userId: string, raw: WriteHoldInput): Promise<WriteHold> {
  const input = writeHoldSchema.parse(raw);
  return bulkTransaction(async (c) => {
    const { rows } = await c.query<Held>(HELD_SQL, [input.assignmentId, userId, projectId]);
    const a = rows[0];
    if (!a || a.status !== "OPEN") throw notHeld();
    if (new Date(a.leasedUntil) <= new Date()) {
      const writers = await c.query<{ n: number }>(`SELECT "writersPerPrompt" AS n FROM "Project" WHERE "id" = $1`, [
        projectId,
      ]);
      await keepSlot(c, a.promptId, userId, writers.rows[0]?.n ?? 0);
    }
    const renewed = await c.query<{ leasedUntil: Date }>(
      `UPDATE "WriteAssignment" SET "leasedUntil" = now() + make_interval(mins => $2), "updatedAt" = now()
       WHERE "id" = $1 RETURNING "leasedUntil"`,
      [a.id, WRITE_LEASE_MINUTES],
    );
    return writeHold(renewed.rows[0]!.leasedUntil);
  });
}

/** Gives the prompt back with a reason; it is never served to this writer again. */
export async function skipWrite(projectId: string, userId: string, raw: WriteSkipInput): Promise<void> {
  const input = writeSkipSchema.parse(raw);
  await bulkTransaction(async (c) => {
    const { rows } = await c.query<Held>(HELD_SQL, [input.assignmentId, userId, projectId]);
    const a = rows[0];
    if (!a || a.status !== "OPEN") throw notHeld();
    await c.query(
      `UPDATE "WriteAssignment" SET "status" = 'SKIPPED', "skipReason" = $2, "updatedAt" = now() WHERE "id" = $1`,
      [a.id, input.reason],
    );
  });
}
