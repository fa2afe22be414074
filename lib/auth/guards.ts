import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { RoleName } from "@/lib/users/schemas";
import { getCurrentUser, type SessionUser } from "./session";

/** For pages: the signed-in user, or a redirect to /login that returns here afterwards. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) {
    // proxy.ts forwards the requested path, query included.
    const from = (await headers()).get("x-pairwise-path") ?? "/";
    redirect(`/login?callbackUrl=${encodeURIComponent(from)}`);
  }
  return user;
}

/** For pages: the signed-in user with `role`, or the 403 page. */
export async function requireRole(role: RoleName): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== role) forbidden();
  return user;
}
