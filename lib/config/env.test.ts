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
    expect(() => parseEnv({ GENERATION_LEASE_SECONDS: "0" })).toThrowError(
      /GENERATION_LEASE_SECONDS: expected a whole number from 1 to 3600/,
    );
    expect(parseEnv({ WORKER_CONCURRENCY: "8" }).WORKER_CONCURRENCY).toBe(8);
  });

  it("gives every tunable its default and refuses a bad value naming the variable", () => {
    expect(parseEnv({})).toMatchObject({
      WORKER_CONCURRENCY: 64,
      GENERATION_LEASE_SECONDS: 15,
      GENERATION_HEARTBEAT_MS: 5000,
      GENERATION_POLL_MS: 2000,
      GENERATION_CALL_TIMEOUT_MS: 120_000,
      DATABASE_POOL_MAX: 10,
      ANNOTATION_LEASE_MINUTES: 10,
    });
    const bad = {
      WORKER_CONCURRENCY: "0",
      GENERATION_LEASE_SECONDS: "1.5",
      GENERATION_POLL_MS: "5",
      GENERATION_CALL_TIMEOUT_MS: "forever",
      DATABASE_POOL_MAX: "-3",
      ANNOTATION_LEASE_MINUTES: "ten",
    };
    for (const [name, value] of Object.entries(bad)) {
      expect(() => parseEnv({ [name]: value })).toThrowError(
        new RegExp(`${name}: expected a whole number from \\d+ to \\d+ \\(got "${value}"\\)`),
      );
    }
    expect(parseEnv({ ANNOTATION_LEASE_MINUTES: "3" }).ANNOTATION_LEASE_MINUTES).toBe(3);
  });

  it("refuses a heartbeat that does not come round within the lease", () => {
    expect(() => parseEnv({ GENERATION_LEASE_SECONDS: "4", GENERATION_HEARTBEAT_MS: "4000" })).toThrowError(
      /GENERATION_HEARTBEAT_MS: must be shorter than GENERATION_LEASE_SECONDS \(4 s\)/,
    );
    // Unset, the heartbeat is its default: the message says so rather than calling it missing.
    expect(() => parseEnv({ GENERATION_LEASE_SECONDS: "3" })).toThrowError(
      "GENERATION_HEARTBEAT_MS: must be shorter than GENERATION_LEASE_SECONDS (3 s) (not set, so its default 5000)",
    );
    expect(parseEnv({ GENERATION_LEASE_SECONDS: "4", GENERATION_HEARTBEAT_MS: "3999" }).GENERATION_HEARTBEAT_MS).toBe(
      3999,
    );
  });

  it("refuses a schema parameter in DATABASE_URL by name, without echoing the password", () => {
    const attempt = () => parseEnv({ DATABASE_URL: "postgresql://u:hunter2-secret@db:5432/app?schema=pairwise" });
    expect(attempt).toThrowError(
      "DATABASE_URL: its schema parameter (schema=pairwise) is not supported: Pairwise keeps its tables in the public schema.",
    );
    expect(attempt).not.toThrowError(/hunter2/);
    expect(parseEnv({ DATABASE_URL: "postgresql://u:pw@db:5432/app?sslmode=require" }).DATABASE_URL).toContain(
      "sslmode",
    );
  });

  it("takes only an http or https NEXTAUTH_URL, naming it and its value", () => {
    expect(() => parseEnv({ NEXTAUTH_URL: "ftp://pairwise.example.org" })).toThrowError(
      'NEXTAUTH_URL: expected an http:// or https:// URL such as http://localhost:3000 (got "ftp://pairwise.example.org")',
    );
    expect(parseEnv({ NEXTAUTH_URL: "https://pairwise.example.org" }).NEXTAUTH_URL).toBe(
      "https://pairwise.example.org",
    );
    expect(parseEnv({ NEXTAUTH_URL: "http://localhost:3000" }).NEXTAUTH_URL).toBe("http://localhost:3000");
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ PORT: "", DATABASE_URL: "" }).PORT).toBe(3000);
  });

  it("requires the database, the session secret and the app secret for the web server", () => {
    expect(() => requireServerEnv(parseEnv({}))).toThrowError(
      /DATABASE_URL: missing[\s\S]*NEXTAUTH_SECRET: missing[\s\S]*APP_SECRET: missing/,
    );
  });

  it("reads TRUSTED_PROXIES as addresses and CIDR ranges, none by default, and names a bad entry", () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toEqual([]);
    expect(parseEnv({ TRUSTED_PROXIES: " 127.0.0.1, 10.0.0.0/8,::1, fd00::/8 " }).TRUSTED_PROXIES).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
      "::1",
      "fd00::/8",
    ]);
    for (const bad of ["proxy.internal", "10.0.0.0/33", "10.0.0.1/8/1", "::1/129"]) {
      expect(() => parseEnv({ TRUSTED_PROXIES: bad })).toThrowError(
        /TRUSTED_PROXIES: expected comma-separated IP addresses or CIDR ranges/,
      );
    }
  });
});
