import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { bootstrapAdmin, DEFAULT_ADMIN_EMAIL } from "./bootstrap-admin";
import { verifyPassword } from "./password";

describe("bootstrapAdmin", () => {
  it("creates the first admin with a random password, then never again", async () => {
    const first = await bootstrapAdmin(db, {});
    expect(first).not.toBeNull();
    expect(first!.email).toBe(DEFAULT_ADMIN_EMAIL);
    expect(first!.generated).toBe(true);
    expect(first!.password.length).toBeGreaterThanOrEqual(16);
    const row = await db.user.findUniqueOrThrow({
      where: { email: DEFAULT_ADMIN_EMAIL },
      omit: { passwordHash: false },
    });
    expect(row.role).toBe("ADMIN");
    expect(await verifyPassword(row.passwordHash, first!.password)).toBe(true);

    expect(await bootstrapAdmin(db, { email: "other@example.test", password: "password-123" })).toBeNull();
    expect(await db.user.count({ where: { role: "ADMIN" } })).toBe(1);
  });

  it("generates a different password on each fresh database", async () => {
    await db.user.deleteMany();
    const a = await bootstrapAdmin(db, {});
    await db.user.deleteMany();
    const b = await bootstrapAdmin(db, {});
    expect(a!.password).not.toBe(b!.password);
  });

  it("uses ADMIN_EMAIL and ADMIN_PASSWORD when given", async () => {
    await db.user.deleteMany();
    const made = await bootstrapAdmin(db, { email: "Boss@Example.test", password: "given-password" });
    expect(made).toMatchObject({ email: "boss@example.test", generated: false });
    const row = await db.user.findUniqueOrThrow({
      where: { email: "boss@example.test" },
      omit: { passwordHash: false },
    });
    expect(await verifyPassword(row.passwordHash, "given-password")).toBe(true);
  });
});
