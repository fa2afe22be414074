import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, requireServerEnv } from "./env";

describe("parseEnv", () => {
  it("applies defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.PAIRWISE_DATA_DIR).toBe(".data");
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("names a malformed variable and shows its value", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrowError(/PORT: .*got "eighty"/);
  });

  it("names every bad variable at once", () => {
    try {
      parseEnv({ PORT: "70000", ADMIN_EMAIL: "not-an-email" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(EnvError);
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/ADMIN_EMAIL/);
    }
  });

  it("never echoes secret values", () => {
    let message = "";
    try {
      parseEnv({ DATABASE_URL: "mysql://root:hunter2@db/x", ADMIN_PASSWORD: "short" });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL: expected a postgresql:/);
    expect(message).toMatch(/ADMIN_PASSWORD: must be at least 8 characters/);
    expect(message).not.toContain("hunter2");
    expect(message).not.toContain("short");
  });

  it("checks the generation engine's numbers", () => {
    expect(() => parseEnv({ WORKER_CONCURRENCY: "lots" })).toThrowError(/WORKER_CONCURRENCY: expected a whole number/);
    expect(() => parseEnv({ GENERATION_LEASE_SECONDS: "0" })).toThrowError(/GENERATION_LEASE_SECONDS: expected a positive number/);
    expect(parseEnv({ WORKER_CONCURRENCY: "8" }).WORKER_CONCURRENCY).toBe(8);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ PORT: "", DATABASE_URL: "" }).PORT).toBe(3000);
  });

  it("requires the database, the session secret and the app secret for the web server", () => {
    expect(() => requireServerEnv(parseEnv({}))).toThrowError(
      /DATABASE_URL: missing[\s\S]*NEXTAUTH_SECRET: missing[\s\S]*APP_SECRET: missing/,
    );
  });
});
