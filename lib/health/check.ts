import "server-only";
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db-client";

export interface Health {
  /** Database reachable and every shipped migration applied. */
  ok: boolean;
  database: { reachable: boolean; error?: string };
  migrations: { current: boolean; applied: number; pending: string[] } | null;
}

/** Migration folders shipped with this build, oldest first. */
export function shippedMigrations(dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations")): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export async function checkHealth(db: Db, migrationsDir?: string): Promise<Health> {
  let applied: string[];
  try {
    const rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    applied = rows.map((r) => r.migration_name);
  } catch (err) {
    const message = (err as Error).message ?? "";
    // Reachable, but never migrated.
    if (/_prisma_migrations.*does not exist|42P01/.test(message)) applied = [];
    else return { ok: false, database: { reachable: false, error: "database unreachable" }, migrations: null };
  }
  const done = new Set(applied);
  const pending = shippedMigrations(migrationsDir).filter((m) => !done.has(m));
  return {
    ok: pending.length === 0,
    database: { reachable: true },
    migrations: { current: pending.length === 0, applied: applied.length, pending },
  };
}
