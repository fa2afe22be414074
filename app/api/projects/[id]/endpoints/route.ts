import { handler } from "@/lib/api/handler";
import { getProjectEndpoints, setProjectEndpoints } from "@/lib/projects/project-endpoints";
import { projectIdParamsSchema, setProjectEndpointsSchema } from "@/lib/projects/schemas";

export const GET = handler({ access: "ADMIN", project: "admin", params: projectIdParamsSchema }, async ({ params }) => {
  return { endpoints: await getProjectEndpoints(params.id) };
});

export const PUT = handler(
  { access: "ADMIN", project: "admin", params: projectIdParamsSchema, body: setProjectEndpointsSchema },
  async ({ user, params, body }) => ({ endpoints: await setProjectEndpoints(params.id, user, body) }),
);
