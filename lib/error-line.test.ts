import { expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db-client";
import { errorLine } from "./error-line";

// What a worker logs of the errors a database outage gives: the cause, in one line.

it("gives the cause of a Prisma error, which its message states last, in one line", async () => {
  const client = createPrismaClient("postgresql://u:p@127.0.0.1:1/x");
  try {
    const err = await client.$queryRaw`SELECT 1`.then(
      () => null,
      (e: unknown) => e,
    );
    expect(String((err as Error).message).trim()).toMatch(/^Invalid `prisma\.\$queryRaw\(\)` invocation:\n/);
    expect(errorLine(err)).toBe("Raw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:1`");
  } finally {
    await client.$disconnect();
  }
});

it("gives other errors' first line", () => {
  expect(errorLine(new Error("connect ECONNREFUSED 127.0.0.1:1\n    at stack"))).toBe(
    "connect ECONNREFUSED 127.0.0.1:1",
  );
  expect(errorLine("plain")).toBe("plain");
});

it("gives the cause of an error of a query in an interactive transaction, which begins with the transaction's name", async () => {
  const { db } = await import("@/lib/db");
  const err = await db
    .$transaction(
      async (tx) => {
        await new Promise((r) => setTimeout(r, 300));
        await tx.user.count();
      },
      { timeout: 50 },
    )
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(String((err as Error).message).trim()).toMatch(/^Invalid `tx\.user\.count\(\)` invocation in\n/);
  expect(errorLine(err)).toMatch(/^Transaction API error: A query cannot be executed on an expired transaction\./);
});
