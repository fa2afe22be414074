import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { getAccessibleProject } from "@/lib/projects/access";

/** Annotation is for the project's members (and admins); anyone else gets the project's 404. */
export async function annotationProject(projectId: string, user: SessionUser) {
  return getAccessibleProject(projectId, user);
}
