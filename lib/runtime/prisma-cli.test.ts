import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDatabase, dropDatabase, uniqueName } from "@/lib/testing/test-database";
import { migrationProblem, shippedMigrations } from "./migrations";
import { migrateDeploy } from "./prisma-cli";

/** The advisory lock Prisma's `migrate deploy` holds while it applies migrations. */
const PRISMA_MIGRATE_LOCK = 72707369;

describe("migrateDeploy", () => {
  const serverUrl = inject("testServerUrl");
  const name = uniqueName("pairwise_migrate");
  afterAll(() => dropDatabase(serverUrl, name));

  it("waits for another start that is applying migrations, then applies them", { timeout: 120_000 }, async () => {
    const url = await createDatabase(serverUrl, name);
    // Another start in the middle of its migrations, for longer than Prisma waits for its lock.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    let waited = 0;
    const applied = await migrateDeploy(url, {
      onWait: () => {
        waited++;
        void other.end();
      },
    });
    expect(waited).toBe(1);
    expect(applied).toBe(shippedMigrations().length);
    expect(await migrationProblem(url)).toBeNull();
    // The next start finds nothing left to apply, and says so.
    expect(await migrateDeploy(url)).toBe(0);
  });
});
