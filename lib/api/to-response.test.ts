import pg from "pg";
import { expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db-client";
import { toResponse } from "./to-response";

// The errors a stopped or unreachable database gives, as each layer really reports them, are a
// 503 that says so (with Retry-After), not the generic 500 of a bug.

const NOWHERE = "postgresql://u:p@127.0.0.1:1/x";

async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected a failure");
}

it("answers 503 database_unavailable when the database cannot be reached", async () => {
  const client = createPrismaClient(NOWHERE);
  const pool = new pg.Pool({ connectionString: NOWHERE });
  try {
    const errors = [
      await thrown(() => client.user.count()),
      await thrown(() => client.$queryRaw`SELECT 1`),
      await thrown(() => pool.query("SELECT 1")),
    ];
    for (const err of errors) {
      const res = toResponse(err);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(await res.json()).toEqual({
        error: {
          code: "database_unavailable",
          message: "The database cannot be reached right now; try again in a moment",
        },
      });
    }
  } finally {
    await client.$disconnect();
    await pool.end();
  }
});

it("still answers a bug with the generic 500", async () => {
  const res = toResponse(new TypeError("x is undefined"));
  expect(res.status).toBe(500);
  expect((await res.json()).error.code).toBe("internal");
});
