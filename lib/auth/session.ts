import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { db } from "@/lib/db";
import type { RoleName } from "@/lib/users/schemas";
import { getAuthOptions } from "./options";
import { SESSION_MAX_AGE_SECONDS } from "./session-age";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: RoleName;
}

/**
 * The signed-in user, checked against the database on every call: a deactivated user, a session
 * from before a password reset or demotion, a signed-out session, or one signed in longer ago
 * than the session lifetime (refreshing the cookie does not extend that) counts as signed out.
 * Read once per page render (React's cache: the layouts and the page each ask); a route handler
 * has no render to share it with and reads it on each call.
 */
export const getCurrentUser = cache(async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions());
  const { id, sid, signedInAt, sv } = session?.user ?? {};
  // Sessions from before sessions had ids cannot be signed out: they are refused.
  if (!id || !sid || !signedInAt || signedInAt + SESSION_MAX_AGE_SECONDS < Date.now() / 1000) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      active: true,
      sessionVersion: true,
      endedSessions: { where: { id: sid }, select: { id: true } },
    },
  });
  if (!user || !user.active || user.sessionVersion !== sv || user.endedSessions.length > 0) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/**
 * Whether the session cookie is that of an account an admin has deactivated. getCurrentUser counts
 * it as signed out like any other; this tells the two apart, so an open page can say that signing
 * in again will not help. Read only once a request has been refused.
 */
export async function sessionAccountDeactivated(): Promise<boolean> {
  const id = (await getServerSession(getAuthOptions()))?.user?.id;
  if (!id) return false;
  const user = await db.user.findUnique({ where: { id }, select: { active: true } });
  return user?.active === false;
}
