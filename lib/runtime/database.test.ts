import { describe, expect, it } from "vitest";
import { freePort } from "./ports";
import { checkReachable, describeConnectError } from "./database";

describe("database connection errors", () => {
  it("names the host, port and cause in one line when nothing listens", async () => {
    const port = await freePort();
    const err = await checkReachable(`postgresql://u:secret-pw@127.0.0.1:${port}/db`).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe(
      `Cannot reach the database at 127.0.0.1:${port}: connection refused (is PostgreSQL running there?)`,
    );
    expect((err as Error).message).not.toContain("secret-pw");
  });

  it("explains a wrong password and a missing database", () => {
    const url = "postgresql://u:p@db.example:6543/app";
    expect(describeConnectError(url, { code: "28P01", message: "x" })).toBe(
      "Cannot reach the database at db.example:6543: password authentication failed",
    );
    expect(describeConnectError(url, { code: "3D000", message: "x" })).toBe(
      'Cannot reach the database at db.example:6543: database "app" does not exist',
    );
  });

  it("fails fast with a real server but wrong credentials", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.password = "definitely-wrong";
    const err = await checkReachable(url.toString()).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/^Cannot reach the database at [^ ]+:\d+: password authentication failed$/);
  });
});
