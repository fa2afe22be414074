import "server-only";
import { bulkPool, bulkTransaction, type BulkClient } from "@/lib/bulk-db";
import { pairSystemSql } from "@/lib/pairs";
import { randomUUID } from "node:crypto";
import { WRITE_LEASE_MINUTES } from "./config";
import type { WriteHold, WriteTask } from "./schemas";

interface HeldWrite {
  id: string;
  promptId: string;
  leasedUntil: Date;
}

const FIELDS = `"id", "promptId", "leasedUntil"`;

/** The write queue's statements: the annotation queue's claim (lib/annotation/queue.ts) over prompts. */
export const WRITE_SQL = {
  own: `SELECT ${FIELDS} FROM "WriteAssignment"
       WHERE "projectId" = $1 AND "userId" = $2 AND "status" = 'OPEN' AND "id" <> ALL($3::text[])
       ORDER BY "createdAt" LIMIT 5`,
  candidate: `SELECT p."id" FROM "Prompt" p
         WHERE p."projectId" = $1 AND p."writtenCount" < $3 AND p."id" <> ALL($4::text[])
           AND NOT EXISTS (SELECT 1 FROM "WriteAssignment" w WHERE w."promptId" = p."id" AND w."userId" = $2)
           AND p."writtenCount" + (SELECT count(*) FROM "WriteAssignment" h
                                   WHERE h."promptId" = p."id" AND h."status" = 'OPEN' AND h."leasedUntil" > now()) < $3
         ORDER BY p."writtenCount", p."createdAt", p."id"
         LIMIT 1
         FOR UPDATE OF p SKIP LOCKED`,
  /** The same, waiting for a row another writer is claiming (see nextWriteTask). */
  get waiting() {
    return this.candidate.replace("SKIP LOCKED", "");
  },
  // The candidate statement as a plain read: waits for nothing, locks nothing.
  mayHaveRoom: `SELECT p."id" FROM "Prompt" p
         WHERE p."projectId" = $1 AND p."writtenCount" < $3
           AND NOT EXISTS (SELECT 1 FROM "WriteAssignment" w WHERE w."promptId" = p."id" AND w."userId" = $2)
           AND p."writtenCount" + (SELECT count(*) FROM "WriteAssignment" h
                                   WHERE h."promptId" = p."id" AND h."status" = 'OPEN' AND h."leasedUntil" > now()) < $3
         LIMIT 1`,
  // Written answers plus live holds of others, in a fresh snapshot (call with the prompt locked).
  taken: `SELECT (p."writtenCount" + (
       SELECT count(*) FROM "WriteAssignment" h
       WHERE h."promptId" = p."id" AND h."status" = 'OPEN' AND h."leasedUntil" > now()
         AND h."userId" IS DISTINCT FROM $2))::int AS n
     FROM "Prompt" p WHERE p."id" = $1`,
  insert: `INSERT INTO "WriteAssignment" ("id", "projectId", "promptId", "userId", "leasedUntil", "updatedAt")
         VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5), now())
         RETURNING ${FIELDS}`,
};

export const writeHold = (leasedUntil: Date | string): WriteHold => ({
  leasedUntil: new Date(leasedUntil).toISOString(),
  heldForMs: Math.max(0, new Date(leasedUntil).getTime() - Date.now()),
});

export async function takenSlots(c: BulkClient, promptId: string, exceptUser: string | null = null): Promise<number> {
  const { rows } = await c.query<{ n: number }>(WRITE_SQL.taken, [promptId, exceptUser]);
  return rows[0]?.n ?? Infinity;
}

/**
 * Serves one prompt that still needs answers: fewest answers first, then oldest; never one this
 * writer already had. As in annotation, the prompt's row is locked with SKIP LOCKED and its free
 * slots re-counted under the lock in a statement of its own (a fresh snapshot): a writer whose
 * snapshot predates another's claim would otherwise take a slot already gone.
 */
async function claim(projectId: string, userId: string, writers: number, wait = false): Promise<HeldWrite | null> {
  return bulkTransaction(async (c) => {
    const tried: string[] = [];
    // Waiting, one row only: a transaction holding a row it gave up must not wait on another.
    for (let attempt = 0; attempt < (wait ? 1 : 8); attempt++) {
      const sql = wait ? WRITE_SQL.waiting : WRITE_SQL.candidate;
      const { rows } = await c.query<{ id: string }>(sql, [projectId, userId, writers, tried]);
      const prompt = rows[0];
      if (!prompt) return null;
      if ((await takenSlots(c, prompt.id)) >= writers) {
        tried.push(prompt.id);
        continue;
      }
      const inserted = await c.query<HeldWrite>(WRITE_SQL.insert, [
        randomUUID(),
        projectId,
        prompt.id,
        userId,
        WRITE_LEASE_MINUTES,
      ]);
      return inserted.rows[0]!;
    }
    return null;
  });
}

/** An own assignment whose lease lapsed: renewed if the prompt still has room, else given up. */
async function renew(a: HeldWrite, userId: string, writers: number): Promise<HeldWrite | null> {
  return bulkTransaction(async (c) => {
    await c.query(`SELECT 1 FROM "Prompt" WHERE "id" = $1 FOR UPDATE`, [a.promptId]);
    if ((await takenSlots(c, a.promptId, userId)) >= writers) {
      // Others filled the prompt while this lease was lapsed: the slot is gone, and so is the
      // assignment, so the prompt is not counted as this writer's.
      await c.query(`DELETE FROM "WriteAssignment" WHERE "id" = $1`, [a.id]);
      return null;
    }
    const { rows } = await c.query<HeldWrite>(
      `UPDATE "WriteAssignment" SET "leasedUntil" = now() + make_interval(mins => $2), "updatedAt" = now()
       WHERE "id" = $1 RETURNING ${FIELDS}`,
      [a.id, WRITE_LEASE_MINUTES],
    );
    return rows[0]!;
  });
}

// The system message the writer's answer will be paired, judged and exported under, by the
// pairs' own rule (lib/pairs): the prompt's own; else the one its model answers were generated
// with; else, when written answers are paired with model answers still to come, the project's
// setting those will be made with.
const WRITER_SYSTEM = pairSystemSql(`p."system"`, [
  `(SELECT c."systemPrompt" FROM "Candidate" c
    WHERE c."promptId" = p."id" AND c."source" = 'GENERATED' AND c."systemPrompt" <> ''
    ORDER BY c."createdAt", c."id" LIMIT 1)`,
  `CASE WHEN pr."humanPairing" <> 'HUMAN' THEN pr."systemPrompt" END`,
]);

/**
 * The writer's next prompt: their own open assignment first (after a reload, say), then a newly
 * claimed one. Null when the project takes no written answers or nothing is left for them.
 */
export async function nextWriteTask(
  projectId: string,
  userId: string,
  holding: string[] = [],
): Promise<WriteTask | null> {
  const pool = bulkPool();
  const [project, own] = await Promise.all([
    pool.query<{ writersPerPrompt: number }>(`SELECT "writersPerPrompt" FROM "Project" WHERE "id" = $1`, [projectId]),
    pool.query<HeldWrite>(WRITE_SQL.own, [projectId, userId, holding]),
  ]);
  const writers = project.rows[0]?.writersPerPrompt ?? 0;
  if (writers <= 0) return null;
  let held: HeldWrite | null = null;
  for (const a of own.rows) {
    held = new Date(a.leasedUntil) > new Date() ? a : await renew(a, userId, writers);
    if (held) break;
  }
  held ??= await claim(projectId, userId, writers);
  // SKIP LOCKED passes over a prompt another writer is claiming at this instant: with few
  // prompts left, that would tell this writer "nothing left" while a slot is free. The plain
  // read (no lock) says whether one may be; then the claim waits for that writer's lock.
  for (let attempt = 0; !held && attempt < 8; attempt++) {
    const { rows } = await pool.query(WRITE_SQL.mayHaveRoom, [projectId, userId, writers]);
    if (!rows.length) break;
    held = await claim(projectId, userId, writers, true);
  }
  if (!held) return null;
  const { rows } = await pool.query<{ text: string; system: string | null }>(
    `SELECT p."text", ${WRITER_SYSTEM} AS "system"
     FROM "Prompt" p JOIN "Project" pr ON pr."id" = p."projectId" WHERE p."id" = $1`,
    [held.promptId],
  );
  return {
    assignmentId: held.id,
    prompt: { text: rows[0]!.text, system: rows[0]!.system },
    ...writeHold(held.leasedUntil),
  };
}
