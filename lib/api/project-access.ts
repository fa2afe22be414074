import "server-only";
import type { Caller } from "@/lib/auth/caller";
import type { Project } from "@/lib/generated/prisma/client";
import { getAccessibleProject, requireProjectAdmin } from "@/lib/projects/access";
import { NotFoundError } from "@/lib/errors";

/**
 * What a route under /api/projects/[id] needs of its project: `member` for the project's members
 * and admins (anyone else gets the project's 404), `admin` for admins (members get 403, others
 * the 404). The rules themselves live in lib/projects/access.ts, shared with pages.
 */
export type ProjectAccess = "member" | "admin";

/** The project named by the route's `id` param, if `caller` has `access` to it. */
export async function projectForRoute(
  access: ProjectAccess,
  params: Record<string, unknown>,
  caller: Caller,
): Promise<Project> {
  const id = params.id;
  if (typeof id !== "string") throw new NotFoundError("Project");
  return access === "admin" ? requireProjectAdmin(id, caller) : getAccessibleProject(id, caller);
}
