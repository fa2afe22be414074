import "server-only";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { clearFailures, emailLimitKey } from "@/lib/auth/rate-limit";
import { releaseHeldWork } from "./held-work";
import { hashPassword } from "./password";
import {
  createUserSchema,
  updateUserSchema,
  type CreateUserInput,
  type PublicUser,
  type UpdateUserInput,
} from "./schemas";

const publicFields = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  lastLoginAt: true,
  createdAt: true,
} as const;

type UserRow = Omit<PublicUser, "lastLoginAt" | "createdAt"> & { lastLoginAt: Date | null; createdAt: Date };

function toPublic(u: UserRow): PublicUser {
  return { ...u, lastLoginAt: u.lastLoginAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString() };
}

export async function listUsers(): Promise<PublicUser[]> {
  const rows = await db.user.findMany({ select: publicFields, orderBy: [{ role: "asc" }, { email: "asc" }] });
  return rows.map(toPublic);
}

export async function createUser(input: CreateUserInput): Promise<PublicUser> {
  const data = createUserSchema.parse(input);
  const user = await db.user.create({
    data: {
      email: data.email,
      name: data.name || null,
      role: data.role,
      passwordHash: await hashPassword(data.password),
    },
    select: publicFields,
  });
  if (data.password !== undefined) await clearFailures([emailLimitKey(user.email)]);
  return toPublic(user);
}

/**
 * Changes a user's name, role, active flag or password. Deactivating, demoting or resetting the
 * password bumps the session version, which ends the user's open sessions and API tokens at their
 * next request. A password reset also lifts a sign-in lockout: the admin has just given the
 * user a password that works. Deactivating also gives back what the user held in every project
 * (releaseHeldWork), as removing a member does in one.
 */
export async function updateUser(id: string, input: UpdateUserInput, actorId: string): Promise<PublicUser> {
  const data = updateUserSchema.parse(input);
  if (id === actorId && (data.active === false || (data.role && data.role !== "ADMIN"))) {
    throw new ConflictError("self_lockout", "You cannot deactivate yourself or remove your own admin role");
  }
  const current = await db.user.findUnique({ where: { id }, select: { role: true } });
  if (!current) throw new NotFoundError("User");
  const demoted = current.role === "ADMIN" && data.role !== undefined && data.role !== "ADMIN";
  const endSessions = data.active === false || data.password !== undefined || demoted;
  const passwordHash = data.password === undefined ? undefined : await hashPassword(data.password);
  const user = await db.$transaction(async (tx) => {
    if (data.active === false) await releaseHeldWork(tx, { userId: id });
    return tx.user.update({
      where: { id },
      data: {
        name: data.name,
        role: data.role,
        active: data.active,
        passwordHash,
        sessionVersion: endSessions ? { increment: 1 } : undefined,
      },
      select: publicFields,
    });
  });
  if (data.password !== undefined) await clearFailures([emailLimitKey(user.email)]);
  return toPublic(user);
}
