import "server-only";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { db } from "@/lib/db";

/** The project an import writes to: it must exist and not be archived. */
export async function findImportProject(projectId: string) {
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: { id: true, generationMode: true, evaluationMode: true, archivedAt: true },
  });
  if (!project) throw new NotFoundError("Project");
  if (project.archivedAt) {
    throw new ConflictError("project_archived", "This project is archived. Restore it before importing into it.");
  }
  return project;
}
