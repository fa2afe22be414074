import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestEndpoint, createTestProject } from "@/lib/testing/factories";
import { waitForLockWaiters } from "@/lib/testing/lock-waits";
import { claimTasks, reclaimOrphans, renewLeases } from "./queue";

// A database stall: worker A's leases on 200 tasks all ran out while it waited. Its heartbeat
// then renews them while worker B's heartbeat sweeps them up as orphans and B claims.
const ids = Array.from({ length: 200 }, (_, i) => `stall-task-${String(i).padStart(3, "0")}`);
const middle = ids[100]!;
let blocker: pg.Client;

beforeAll(async () => {
  const project = await createTestProject();
  const endpoint = await createTestEndpoint();
  const run = await db.run.create({ data: { projectId: project.id, createdById: project.createdById } });
  const prompt = await db.prompt.create({ data: { projectId: project.id, text: "p", promptKey: "p" } });
  // Many finished tasks, as in a real database, so the planner walks the indexes; the stalled
  // leases ran out in the opposite order of their ids (the lease index and the primary key disagree).
  await db.$executeRaw`
    INSERT INTO "Task" ("id", "runId", "projectId", "promptId", "endpointId", "role", "sampleIndex", "status", "updatedAt")
    SELECT 'done-' || n, ${run.id}, ${project.id}, ${prompt.id}, ${endpoint.id}, 'WEAK', n, 'DONE', now() FROM generate_series(1, 20000) n`;
  await db.$executeRaw`
    INSERT INTO "Task" ("id", "runId", "projectId", "promptId", "endpointId", "role", "sampleIndex", "status", "workerId", "leasedUntil", "updatedAt")
    SELECT id, ${run.id}, ${project.id}, ${prompt.id}, ${endpoint.id}, 'STRONG', n::int, 'RUNNING', 'worker-a', now() - make_interval(secs => n::int), now()
    FROM unnest(${ids}::text[]) WITH ORDINALITY AS u(id, n)`;
  await db.$executeRawUnsafe(`ANALYZE "Task"`);
  blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await blocker.connect();
});
afterAll(() => blocker.end());

const waitingOnLocks = (count: number, done?: () => boolean) => waitForLockWaiters(blocker, count, done);

it("lets a heartbeat, a claim and an orphan sweep meet on the same tasks without a deadlock", async () => {
  // One task held elsewhere for a moment, so the statements are midway when they meet.
  await blocker.query("BEGIN");
  await blocker.query(`SELECT 1 FROM "Task" WHERE "id" = $1 FOR UPDATE`, [middle]);
  const renewal = renewLeases("worker-a", { tasks: ids, slots: [] });
  await waitingOnLocks(1);
  // Another worker's heartbeat sweeping for orphans, and its claim: both skip what is locked.
  const sweep = reclaimOrphans("worker-b", []);
  const claim = claimTasks("worker-b", 500);
  await blocker.query("COMMIT");

  const results = await Promise.allSettled([renewal, sweep, claim]);
  const errors = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
  expect(errors).toEqual([]);
  // Whatever the sweep gave back, the next claim takes: every task is held again, by A
  // (renewed) or B (claimed), with a live lease, and none by both.
  const claimedAgain = await claimTasks("worker-b", 500);
  const live = await db.task.findMany({
    where: { id: { in: ids }, status: "RUNNING", leasedUntil: { gt: new Date() } },
  });
  expect(live).toHaveLength(ids.length);
  const toB = [...(results[2].status === "fulfilled" ? results[2].value : []), ...claimedAgain].map((t) => t.id);
  expect(new Set(toB).size).toBe(toB.length);
  expect(
    live
      .filter((t) => t.workerId === "worker-b")
      .map((t) => t.id)
      .sort(),
  ).toEqual([...toB].sort());
});
