import "server-only";
import type { Db } from "@/lib/db-client";
import { generatePassword, hashPassword } from "./password";
import { emailSchema } from "./schemas";

export const DEFAULT_ADMIN_EMAIL = "admin@pairwise.local";

/**
 * On a database without any admin, creates one from ADMIN_EMAIL/ADMIN_PASSWORD, or with a random
 * password when none is given. Returns the credentials to print once, or null when an admin exists.
 */
export async function bootstrapAdmin(
  db: Db,
  opts: { email?: string; password?: string },
): Promise<{ email: string; password: string; generated: boolean } | null> {
  if (await db.user.findFirst({ where: { role: "ADMIN" }, select: { id: true } })) return null;
  const email = emailSchema.parse(opts.email ?? DEFAULT_ADMIN_EMAIL);
  const password = opts.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  await db.user.upsert({
    where: { email },
    create: { email, name: "Admin", role: "ADMIN", passwordHash },
    update: { role: "ADMIN", active: true, passwordHash, sessionVersion: { increment: 1 } },
  });
  return { email, password, generated: opts.password === undefined };
}
