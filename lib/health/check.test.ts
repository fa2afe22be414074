import { mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createPrismaClient } from "@/lib/db-client";
import { freePort } from "@/lib/runtime/ports";
import { shippedMigrations } from "@/lib/runtime";
import { checkHealth } from "./check";

describe("checkHealth", () => {
  it("reports a migrated database as healthy", async () => {
    const health = await checkHealth(db);
    expect(health).toMatchObject({
      ok: true,
      database: { reachable: true },
      migrations: { current: true, pending: [] },
    });
    expect(health.migrations!.applied).toBe(shippedMigrations().length);
  });

  it("lists migrations that the database has not applied", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pairwise-migrations-"));
    for (const name of [
      ...readdirSync("prisma/migrations").filter((n) => !n.endsWith(".toml")),
      "29990101000000_future",
    ]) {
      mkdirSync(path.join(dir, name));
    }
    const health = await checkHealth(db, dir);
    expect(health.ok).toBe(false);
    expect(health.database.reachable).toBe(true);
    expect(health.migrations!.pending).toEqual(["29990101000000_future"]);
  });

  it("reports an unreachable database without throwing", async () => {
    const down = createPrismaClient(`postgresql://nobody:nothing@127.0.0.1:${await freePort()}/none`);
    const health = await checkHealth(down);
    expect(health).toMatchObject({ ok: false, database: { reachable: false }, migrations: null });
    await down.$disconnect();
  });

  it("answers 503 while the database stalls, and 200 again once it is back", async () => {
    const { GET } = await import("@/app/api/health/route");
    const staller = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await staller.connect();
    // A migration or a stuck transaction holding the table the check reads: queries queue behind it.
    await staller.query("BEGIN");
    await staller.query('LOCK TABLE "_prisma_migrations" IN ACCESS EXCLUSIVE MODE');
    try {
      const stalled = await GET(new Request("http://test/api/health"));
      expect(stalled.status).toBe(503);
      expect(await stalled.json()).toMatchObject({
        ok: false,
        database: { reachable: false, error: "database not answering" },
      });
    } finally {
      await staller.query("ROLLBACK");
      await staller.end();
    }
    expect((await GET(new Request("http://test/api/health"))).status).toBe(200);
  });
});
