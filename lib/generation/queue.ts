import "server-only";
import PgBoss from "pg-boss";
import { getServerEnv } from "@/lib/env";
import { generationConfig } from "./config";

export interface GenerationJob {
  taskId: string;
}

let started: Promise<PgBoss> | undefined;

/**
 * The process's pg-boss client. Jobs live in the same PostgreSQL (schema `pgboss`). Web
 * processes only send; workers also fetch, and one of them runs pg-boss's maintenance.
 */
export function getBoss(opts: { supervise?: boolean } = {}): Promise<PgBoss> {
  started ??= (async () => {
    const boss = new PgBoss({
      connectionString: getServerEnv().DATABASE_URL,
      supervise: opts.supervise ?? false,
      schedule: false,
      max: 4,
    });
    boss.on("error", (err) => console.error("[jobs] pg-boss error:", err.message));
    await boss.start();
    await boss.createQueue(generationConfig.queue).catch((err: Error) => {
      if (!/already exists/.test(err.message)) throw err;
    });
    return boss;
  })();
  return started;
}

export async function stopBoss(): Promise<void> {
  if (!started) return;
  const boss = await started;
  started = undefined;
  await boss.stop({ graceful: false, wait: true });
}

/** Enqueues one job per task; a task that already has a job is harmless, as claiming is atomic. */
export async function enqueueTasks(taskIds: string[]): Promise<void> {
  if (!taskIds.length) return;
  const boss = await getBoss();
  for (let i = 0; i < taskIds.length; i += 1000) {
    await boss.insert(
      taskIds.slice(i, i + 1000).map((taskId) => ({
        name: generationConfig.queue,
        data: { taskId } satisfies GenerationJob,
        retryLimit: 3,
        expireInSeconds: 15 * 60,
      })),
    );
  }
}
