// Annotation server time: submit a vote and claim the next pair, for 50 annotators working at
// once on a project of 1,000,000 pairs, each pausing 0.5–1.5 s between pairs as a person reading
// two answers would (about 50 submits a second in all). p95 through the app's own functions,
// against the same SQL statements sent directly with node-postgres on the same database.
import { randomInt, randomUUID } from "node:crypto";
import pg from "pg";
import { nextItems } from "@/lib/annotation/queue";
import { submitVote } from "@/lib/annotation/votes";
import { db } from "@/lib/db";
import { result, type BenchResult } from "./lib";
import { seedPairs } from "./seed-pairs";

// Other benches import the seeding from here; it lives in seed-pairs.ts.
export { seedPairs };

const PAIRS = 1_000_000;
const ANNOTATORS = 50;
const ROUNDS = 20;
const think = () => new Promise((r) => setTimeout(r, 500 + randomInt(1000)));

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.95)]!;
}

/** The statements of nextItems' claim and submitVote, sent directly. */
function rawPath(pool: pg.Pool, projectId: string, overlap: number) {
  async function claim(userId: string) {
    const c = await pool.connect();
    try {
      await c.query("BEGIN");
      const { rows } = await c.query(
        `SELECT p."id" FROM "Pair" p
         WHERE p."projectId" = $1 AND p."voteCount" < $3
           AND NOT EXISTS (SELECT 1 FROM "Assignment" a WHERE a."pairId" = p."id" AND a."userId" = $2)
           AND p."voteCount" + (SELECT count(*) FROM "Assignment" h WHERE h."pairId" = p."id" AND h."status" = 'OPEN' AND h."leasedUntil" > now()) < $3
         ORDER BY p."voteCount", p."createdAt", p."id" LIMIT 1 FOR UPDATE OF p SKIP LOCKED`,
        [projectId, userId, overlap],
      );
      const pairId = rows[0].id as string;
      await c.query(
        `SELECT (p."voteCount" + (SELECT count(*) FROM "Assignment" h WHERE h."pairId" = p."id" AND h."status" = 'OPEN' AND h."leasedUntil" > now()))::int AS n FROM "Pair" p WHERE p."id" = $1`,
        [pairId],
      );
      const id = randomUUID();
      await c.query(
        `INSERT INTO "Assignment" ("id", "projectId", "pairId", "userId", "leftIsA", "leasedUntil", "updatedAt") VALUES ($1, $2, $3, $4, $5, now() + interval '10 minutes', now())`,
        [id, projectId, pairId, userId, randomInt(2) === 1],
      );
      await c.query("COMMIT");
      return { id, pairId };
    } finally {
      c.release();
    }
  }
  async function vote(userId: string, a: { id: string; pairId: string }) {
    const c = await pool.connect();
    try {
      await c.query("BEGIN");
      await c.query(`SELECT "id" FROM "Assignment" WHERE "id" = $1 AND "userId" = $2 FOR UPDATE`, [a.id, userId]);
      await c.query(`SELECT p."voteCount" FROM "Pair" p WHERE p."id" = $1 FOR UPDATE OF p`, [a.pairId]);
      await c.query(
        `INSERT INTO "Vote" ("id", "assignmentId", "projectId", "pairId", "userId", "choice", "leftIsA", "timeOnItemMs") VALUES ($1, $2, $3, $4, $5, 'A', true, 1000)`,
        [randomUUID(), a.id, projectId, a.pairId, userId],
      );
      await c.query(`UPDATE "Assignment" SET "status" = 'VOTED' WHERE "id" = $1`, [a.id]);
      await c.query(`UPDATE "Pair" SET "voteCount" = "voteCount" + 1 WHERE "id" = $1`, [a.pairId]);
      await c.query("COMMIT");
    } finally {
      c.release();
    }
  }
  return { claim, vote };
}

async function annotators(projectId: string) {
  const ids: string[] = [];
  for (let i = 0; i < ANNOTATORS; i++) {
    const u = await db.user.create({ data: { email: `bench-${i}-${randomUUID()}@x.test`, passwordHash: "x" } });
    await db.projectMember.create({ data: { projectId, userId: u.id } });
    ids.push(u.id);
  }
  return ids;
}

export async function runAnnotationBench(): Promise<BenchResult[]> {
  const admin = await db.user.create({ data: { email: `bench-admin-${randomUUID()}@x.test`, passwordHash: "x", role: "ADMIN" } });
  const project = await db.project.create({ data: { name: "annotation bench", generationMode: "IMPORTED", evaluationMode: "HUMAN", createdById: admin.id } });
  const t = performance.now();
  await seedPairs(project.id);
  console.log(`  seeded ${PAIRS.toLocaleString()} pairs in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const appUsers = await annotators(project.id);
  const app: number[] = [];
  await Promise.all(
    appUsers.map(async (userId) => {
      let [item] = await nextItems(project.id, userId, 1, []);
      for (let r = 0; r < ROUNDS && item; r++) {
        await think();
        const started = performance.now();
        await submitVote(project.id, userId, { voteId: randomUUID(), assignmentId: item.assignmentId, choice: "LEFT", timeOnItemMs: 1000 });
        [item] = await nextItems(project.id, userId, 1, []);
        app.push(performance.now() - started);
      }
    }),
  );

  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  const raw = rawPath(pool, project.id, 1);
  const rawUsers = await annotators(project.id);
  const direct: number[] = [];
  try {
    await Promise.all(
      rawUsers.map(async (userId) => {
        let a = await raw.claim(userId);
        for (let r = 0; r < ROUNDS; r++) {
          await think();
          const started = performance.now();
          await raw.vote(userId, a);
          a = await raw.claim(userId);
          direct.push(performance.now() - started);
        }
      }),
    );
  } finally {
    await pool.end();
  }
  console.log(`  ${app.length} app and ${direct.length} direct submit+claim round trips`);
  return [
    result("annotation submit+claim p95, 50 annotators, 1M pairs", p95(app), "ms", p95(direct), "<= 3"),
    result("annotation submit+claim p95 (absolute)", p95(app), "ms", 0, "<= 20"),
  ];
}
