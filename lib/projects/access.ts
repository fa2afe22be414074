import "server-only";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { Prisma, Project } from "@/lib/generated/prisma/client";

export type ProjectActor = Pick<SessionUser, "id" | "role">;

/** Which projects a user may see: admins all, annotators those they belong to that are not archived. */
export function visibleProjectsWhere(user: ProjectActor): Prisma.ProjectWhereInput {
  return user.role === "ADMIN" ? {} : { archivedAt: null, members: { some: { userId: user.id } } };
}

/**
 * The project, if `user` may see it. A missing project and one the user may not see both give
 * the same 404, so an annotator cannot learn that a project exists by guessing its id.
 */
export async function getAccessibleProject(projectId: string, user: ProjectActor): Promise<Project> {
  const project = await db.project.findFirst({ where: { id: projectId, ...visibleProjectsWhere(user) } });
  if (!project) throw new NotFoundError("Project");
  return project;
}

/** The project for an admin; 404 for those who may not see it, 403 for members who may not change it. */
export async function requireProjectAdmin(projectId: string, user: ProjectActor): Promise<Project> {
  const project = await getAccessibleProject(projectId, user);
  if (user.role !== "ADMIN") throw new ForbiddenError();
  return project;
}
