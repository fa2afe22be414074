import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { parse } from "pg-connection-string";

/** Migration folders shipped with this copy of Pairwise, oldest first. */
export function shippedMigrations(
  dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations"),
): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

const APPLY = "Start Pairwise on it once (`npm start` applies migrations) or run `npx tsx scripts/db.ts deploy`";

/**
 * Why this copy of Pairwise cannot work on the database at `url` yet, in one line, or null when
 * the database has exactly the migrations shipped here. A worker checks this before it starts,
 * so a database that was never migrated, or one migrated by another version, is reported plainly
 * rather than as a query failing later.
 */
export async function migrationProblem(url: string, dir?: string): Promise<string | null> {
  const { host, port, database } = parse(url);
  const where = `The database ${database ?? ""} at ${host ?? "localhost"}:${port ?? 5432}`;
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  let applied: string[];
  try {
    await client.connect();
    const { rows } = await client.query<{ name: string | null }>(
      `SELECT to_regclass('"_prisma_migrations"')::text AS name`,
    );
    if (!rows[0]?.name) return `${where} has no Pairwise tables (it was never migrated). ${APPLY}.`;
    const result = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    applied = result.rows.map((r) => r.migration_name);
  } finally {
    await client.end().catch(() => {});
  }
  const shipped = shippedMigrations(dir);
  const known = new Set(shipped);
  const unknown = applied.filter((m) => !known.has(m)).sort();
  if (unknown.length)
    return (
      `${where} has ${unknown.length === 1 ? "a migration" : `${unknown.length} migrations`} this copy of Pairwise ` +
      `does not have (${unknown.join(", ")}): it was migrated by a newer version. Update this copy to that version.`
    );
  const done = new Set(applied);
  const pending = shipped.filter((m) => !done.has(m));
  if (pending.length)
    return (
      `${where} is ${pending.length} migration${pending.length === 1 ? "" : "s"} behind this copy of Pairwise ` +
      `(next: ${pending[0]}). ${APPLY}.`
    );
  return null;
}
