import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/users/password";
import type { RoleName } from "@/lib/users/schemas";

/** A user in the test's own database, with a known password. */
export async function createTestUser(overrides: { email?: string; role?: RoleName; active?: boolean; password?: string } = {}) {
  const password = overrides.password ?? `pw-${randomBytes(6).toString("hex")}`;
  const user = await db.user.create({
    data: {
      email: overrides.email ?? `user-${randomBytes(5).toString("hex")}@example.test`,
      role: overrides.role ?? "ANNOTATOR",
      active: overrides.active ?? true,
      passwordHash: await hashPassword(password),
    },
  });
  return { ...user, password };
}
