import { handler } from "@/lib/api/handler";
import { readProject, updateProject } from "@/lib/projects/projects";
import { projectIdParamsSchema, updateProjectSchema } from "@/lib/projects/schemas";

export const GET = handler(
  { access: "user", project: "member", params: projectIdParamsSchema },
  async ({ user, params }) => ({
    project: await readProject(params.id, user),
  }),
);

export const PATCH = handler(
  { access: "ADMIN", project: "admin", params: projectIdParamsSchema, body: updateProjectSchema },
  async ({ user, params, body }) => ({ project: await updateProject(params.id, user, body) }),
);
