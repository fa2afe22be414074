import "server-only";
import { NotFoundError } from "@/lib/errors";
import { db } from "@/lib/db";
import { refuseWhenArchived } from "@/lib/projects/archived";

/** The project an import writes to: it must exist and not be archived. */
export async function findImportProject(projectId: string) {
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: { id: true, generationMode: true, evaluationMode: true, archivedAt: true },
  });
  if (!project) throw new NotFoundError("Project");
  refuseWhenArchived(project, "import into it");
  return project;
}
