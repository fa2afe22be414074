import { handler } from "@/lib/api/handler";
import { requireProjectAdmin } from "@/lib/projects/access";
import { getProjectEndpoints, setProjectEndpoints } from "@/lib/projects/project-endpoints";
import { projectIdParamsSchema, setProjectEndpointsSchema } from "@/lib/projects/schemas";

export const GET = handler({ access: "ADMIN", params: projectIdParamsSchema }, async ({ user, params }) => {
  await requireProjectAdmin(params.id, user);
  return { endpoints: await getProjectEndpoints(params.id) };
});

export const PUT = handler(
  { access: "ADMIN", params: projectIdParamsSchema, body: setProjectEndpointsSchema },
  async ({ user, params, body }) => ({ endpoints: await setProjectEndpoints(params.id, user, body) }),
);
