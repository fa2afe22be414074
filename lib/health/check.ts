import "server-only";
import type { Db } from "@/lib/db-client";
import { shippedMigrations } from "@/lib/runtime";

export interface Health {
  /** Database reachable and every shipped migration applied. */
  ok: boolean;
  database: { reachable: boolean; error?: string };
  migrations: { current: boolean; applied: number; pending: string[] } | null;
}

/** A database that has not answered by then counts as down: load balancers must hear back within 2 s. */
export const HEALTH_TIMEOUT_MS = 1500;

class HealthTimeout extends Error {}

async function appliedMigrations(db: Db): Promise<string[]> {
  // The statement gives up on its own too, so a stalled check does not hold its connection.
  const [, rows] = await db.$transaction([
    db.$executeRawUnsafe(`SET LOCAL statement_timeout = ${HEALTH_TIMEOUT_MS}`),
    db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  ]);
  return rows.map((r) => r.migration_name);
}

export async function checkHealth(db: Db, migrationsDir?: string): Promise<Health> {
  let applied: string[];
  let timer: NodeJS.Timeout | undefined;
  try {
    // The timer covers what statement_timeout cannot: waiting for a pool connection or a server
    // that does not answer at all.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HealthTimeout()), HEALTH_TIMEOUT_MS);
    });
    const query = appliedMigrations(db);
    query.catch(() => {});
    applied = await Promise.race([query, timeout]);
  } catch (err) {
    const message = (err as Error).message ?? "";
    // Reachable, but never migrated.
    if (/_prisma_migrations.*does not exist|42P01/.test(message)) applied = [];
    else {
      const error =
        err instanceof HealthTimeout || /statement timeout|57014/.test(message)
          ? "database not answering"
          : "database unreachable";
      return { ok: false, database: { reachable: false, error }, migrations: null };
    }
  } finally {
    clearTimeout(timer);
  }
  const done = new Set(applied);
  const pending = shippedMigrations(migrationsDir).filter((m) => !done.has(m));
  return {
    ok: pending.length === 0,
    database: { reachable: true },
    migrations: { current: pending.length === 0, applied: applied.length, pending },
  };
}
