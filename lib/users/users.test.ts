import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordFailure, retryAfterSeconds, SIGN_IN_LIMITS, signInKeys } from "@/lib/auth/rate-limit";
import { createTestUser } from "@/lib/testing/factories";
import { verifyPassword } from "./password";
import { createUser, listUsers, updateUser } from "./users";

describe("users", () => {
  it("stores an argon2id hash, never the password, and lower-cases the email", async () => {
    const user = await createUser({ email: "  Ada@Example.TEST ", password: "correct horse", role: "ANNOTATOR" });
    expect(user.email).toBe("ada@example.test");
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("correct horse");
    expect(await verifyPassword(row.passwordHash, "correct horse")).toBe(true);
    expect(await verifyPassword(row.passwordHash, "wrong horse")).toBe(false);
  });

  it("never returns password hashes in listings", async () => {
    await createTestUser();
    const users = await listUsers();
    expect(users.length).toBeGreaterThan(0);
    for (const u of users) expect(Object.keys(u)).not.toContain("passwordHash");
  });

  it("rejects a second account with the same email", async () => {
    await createUser({ email: "twice@example.test", password: "password-1" });
    await expect(createUser({ email: "TWICE@example.test", password: "password-2" })).rejects.toMatchObject({
      code: "P2002",
    });
  });

  it("ends open sessions on deactivation and on password reset, not on a rename", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const u = await createTestUser();
    await updateUser(u.id, { name: "Renamed" }, admin.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).sessionVersion).toBe(0);
    await updateUser(u.id, { active: false }, admin.id);
    await updateUser(u.id, { password: "a-new-password" }, admin.id);
    const row = await db.user.findUniqueOrThrow({ where: { id: u.id }, omit: { passwordHash: false } });
    expect(row.active).toBe(false);
    expect(row.sessionVersion).toBe(2);
    expect(await verifyPassword(row.passwordHash, "a-new-password")).toBe(true);
  });

  it("lifts the sign-in lockout of an account whose password an admin resets, and ends its sessions on demotion", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const user = await createTestUser({ role: "ADMIN" });
    const keys = signInKeys(user.email, "203.0.113.1");
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) await recordFailure(keys.map((k) => k.key));
    expect(await retryAfterSeconds(keys)).toBeGreaterThan(0);
    await updateUser(user.id, { name: "Still locked" }, admin.id);
    expect(await retryAfterSeconds(keys)).toBeGreaterThan(0);
    await updateUser(user.id, { password: "a-fresh-password" }, admin.id);
    expect(await retryAfterSeconds(signInKeys(user.email, "203.0.113.2"))).toBe(0);

    const before = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;
    await updateUser(user.id, { role: "ANNOTATOR" }, admin.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(before + 1);
  });

  it("does not let an admin lock themselves out", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    await expect(updateUser(admin.id, { active: false }, admin.id)).rejects.toMatchObject({ name: "ConflictError" });
    await expect(updateUser(admin.id, { role: "ANNOTATOR" }, admin.id)).rejects.toMatchObject({
      name: "ConflictError",
    });
  });
});
