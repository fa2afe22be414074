// Annotation server time: submit a vote and claim the next pair, for 50 annotators working at
// once on a project of 1,000,000 pairs, each pausing 0.5–1.5 s between pairs as a person reading
// two answers would (about 50 submits a second in all). p95 through the app's own functions,
// against the app's own SQL statements (imported from the modules, not copied) sent directly
// with node-postgres. Each annotator alternates the two, round by round, so both see the same
// load and the same state of the queue.
import { randomInt, randomUUID } from "node:crypto";
import pg from "pg";
import { ITEMS_SQL } from "@/lib/annotation/items";
import { CLAIM_SQL, nextItems } from "@/lib/annotation/queue";
import { submitVote, VOTE_SQL } from "@/lib/annotation/votes";
import { db } from "@/lib/db";
import { getServerEnv } from "@/lib/env";
import { result, type BenchResult } from "./lib";
import { seedPairs } from "./seed-pairs";

// Other benches import the seeding from here; it lives in seed-pairs.ts.
export { seedPairs };

const PAIRS = 1_000_000;
const ANNOTATORS = 50;
const ROUNDS = 40; // 20 of each path per annotator
const think = () => new Promise((r) => setTimeout(r, 500 + randomInt(1000)));

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.95)]!;
}

interface Held {
  assignmentId: string;
  pairId: string;
}

/**
 * submitVote and nextItems(…, 1, []) reduced to their statements: the same SQL, in the same
 * order and transactions, with the same retry over pairs taken meanwhile; none of the app's
 * parsing, checks or mapping in between.
 */
function rawPath(pool: pg.Pool, projectId: string, leaseMinutes: number) {
  async function inTransaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query("BEGIN");
      const out = await fn(c);
      await c.query("COMMIT");
      return out;
    } catch (err) {
      await c.query("ROLLBACK");
      throw err;
    } finally {
      c.release();
    }
  }
  async function vote(userId: string, held: Held) {
    const voteId = randomUUID();
    await pool.query(VOTE_SQL.existing, [voteId]);
    await inTransaction(async (c) => {
      const { rows } = await c.query<{ id: string; pairId: string; leftIsA: boolean }>(VOTE_SQL.held, [
        held.assignmentId,
        userId,
        projectId,
      ]);
      const a = rows[0]!;
      await c.query(VOTE_SQL.pair, [a.pairId, userId]);
      await c.query(VOTE_SQL.record, [
        voteId,
        a.id,
        projectId,
        a.pairId,
        userId,
        a.leftIsA ? "A" : "B",
        null,
        null,
        a.leftIsA,
        1000,
        null,
        [],
      ]);
    });
  }
  async function claim(userId: string): Promise<Held | null> {
    const [project] = await Promise.all([
      pool.query<{ overlap: number; routedOnly: boolean }>(CLAIM_SQL.project, [projectId]),
      pool.query(CLAIM_SQL.own, [projectId, userId, [], 1]),
    ]);
    const { overlap, routedOnly } = project.rows[0]!;
    const held = await inTransaction(async (c) => {
      const tried: string[] = [];
      for (let attempt = 0; attempt < 8; attempt++) {
        const { rows } = await c.query<{ id: string }>(CLAIM_SQL.candidate, [
          projectId,
          userId,
          overlap,
          tried,
          routedOnly,
        ]);
        const pair = rows[0];
        if (!pair) return null;
        const taken = await c.query<{ n: number }>(CLAIM_SQL.taken, [pair.id, null]);
        if (taken.rows[0]!.n >= overlap) {
          tried.push(pair.id);
          continue;
        }
        const inserted = await c.query<{ id: string; pairId: string }>(CLAIM_SQL.insert, [
          randomUUID(),
          projectId,
          pair.id,
          userId,
          randomInt(2) === 1,
          leaseMinutes,
        ]);
        return { assignmentId: inserted.rows[0]!.id, pairId: pair.id };
      }
      return null;
    });
    if (held) await pool.query(ITEMS_SQL, [[held.pairId]]);
    return held;
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
  const admin = await db.user.create({
    data: { email: `bench-admin-${randomUUID()}@x.test`, passwordHash: "x", role: "ADMIN" },
  });
  const project = await db.project.create({
    data: { name: "annotation bench", generationMode: "IMPORTED", evaluationMode: "HUMAN", createdById: admin.id },
  });
  const t = performance.now();
  await seedPairs(project.id);
  console.log(`  seeded ${PAIRS.toLocaleString()} pairs in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const users = await annotators(project.id);
  const pool = new pg.Pool({ connectionString: getServerEnv().DATABASE_URL, max: getServerEnv().DATABASE_POOL_MAX });
  const raw = rawPath(pool, project.id, getServerEnv().ANNOTATION_LEASE_MINUTES);
  const appClaim = async (userId: string): Promise<Held | null> =>
    (await nextItems(project.id, userId, 1, []))[0] ?? null;
  const app: number[] = [];
  const direct: number[] = [];
  try {
    await Promise.all(
      users.map(async (userId, u) => {
        let held = await appClaim(userId);
        for (let r = 0; r < ROUNDS && held; r++) {
          await think();
          // Half the annotators start with the app, half with the baseline.
          const viaApp = (r + u) % 2 === 0;
          const started = performance.now();
          if (viaApp) {
            await submitVote(project.id, userId, {
              voteId: randomUUID(),
              assignmentId: held.assignmentId,
              choice: "LEFT",
              timeOnItemMs: 1000,
            });
            held = await appClaim(userId);
          } else {
            await raw.vote(userId, held);
            held = await raw.claim(userId);
          }
          (viaApp ? app : direct).push(performance.now() - started);
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
