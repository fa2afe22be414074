import { handler } from "@/lib/api/handler";
import { getProjectMetrics } from "@/lib/metrics/project-metrics";
import { projectIdParamsSchema } from "@/lib/projects/schemas";

// Signed-in users reach the access check, so an annotator outside the project gets the same 404
// as for a missing project, and a member who is not an admin gets 403.
export const GET = handler({ access: "user", project: "admin", params: projectIdParamsSchema }, async ({ params }) => {
  return { metrics: await getProjectMetrics(params.id) };
});
