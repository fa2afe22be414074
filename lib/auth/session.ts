import "server-only";
import { getServerSession } from "next-auth";
import { db } from "@/lib/db";
import type { RoleName } from "@/lib/users/schemas";
import { getAuthOptions } from "./options";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: RoleName;
}

/**
 * The signed-in user, checked against the database on every call: a deactivated user, or a
 * token issued before a password reset, counts as signed out from the next request on.
 */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions());
  if (!session?.user?.id) return null;
  const user = await db.user.findUnique({
    where: { id: session.user.id },
    select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true },
  });
  if (!user || !user.active || user.sessionVersion !== session.user.sv) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
