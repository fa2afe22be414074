import "server-only";
import { NotFoundError } from "@/lib/errors";
import { db } from "@/lib/db";
import { releaseHeldWork, type PublicUser } from "@/lib/users";
import { requireProjectAdmin, type ProjectActor } from "./access";
import { invalid } from "./invalid";
import { addMemberSchema, type AddMemberInput } from "./schemas";
import type { ProjectMemberView } from "./types";

const memberSelect = {
  addedAt: true,
  user: { select: { id: true, email: true, name: true, role: true, active: true } },
} as const;

type MemberRow = { addedAt: Date; user: Pick<PublicUser, "id" | "email" | "name" | "role" | "active"> };

function toView({ addedAt, user }: MemberRow): ProjectMemberView {
  const { id, ...rest } = user;
  return { userId: id, ...rest, addedAt: addedAt.toISOString() };
}

export async function listProjectMembers(projectId: string, actor: ProjectActor): Promise<ProjectMemberView[]> {
  await requireProjectAdmin(projectId, actor);
  const rows = await db.projectMember.findMany({
    where: { projectId },
    select: memberSelect,
    orderBy: { user: { email: "asc" } },
  });
  return rows.map(toView);
}

/** Adds an active user to the project; adding someone already there changes nothing. */
export async function addProjectMember(
  projectId: string,
  actor: ProjectActor,
  input: AddMemberInput,
): Promise<ProjectMemberView> {
  await requireProjectAdmin(projectId, actor);
  const { userId } = addMemberSchema.parse(input);
  const user = await db.user.findUnique({ where: { id: userId }, select: { active: true } });
  if (!user) throw new NotFoundError("User");
  if (!user.active) throw invalid([{ path: ["userId"], message: "This user is deactivated; reactivate them first" }]);
  const row = await db.projectMember.upsert({
    where: { projectId_userId: { projectId, userId } },
    create: { projectId, userId },
    update: {},
    select: memberSelect,
  });
  return toView(row);
}

/**
 * Removes a member. What they hold in the project goes back to the others at once (releaseHeldWork);
 * their votes, skips and written answers stay.
 */
export async function removeProjectMember(projectId: string, actor: ProjectActor, userId: string): Promise<void> {
  await requireProjectAdmin(projectId, actor);
  await db.$transaction(async (tx) => {
    const { count } = await tx.projectMember.deleteMany({ where: { projectId, userId } });
    if (count === 0) throw new NotFoundError("Member");
    await releaseHeldWork(tx, { userId, projectId });
  });
}
