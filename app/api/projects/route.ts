import { handler } from "@/lib/api/handler";
import { createProject, listProjects } from "@/lib/projects/projects";
import { createProjectSchema, listProjectsQuerySchema } from "@/lib/projects/schemas";

export const GET = handler({ access: "user", query: listProjectsQuerySchema }, async ({ user, query }) => ({
  projects: await listProjects(user, { includeArchived: query.includeArchived, search: query.q }),
}));

export const POST = handler({ access: "ADMIN", body: createProjectSchema }, async ({ user, body }) => ({
  project: await createProject(user, body),
}));
