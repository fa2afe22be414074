import { handler } from "@/lib/api/handler";
import { listFailedTasks } from "@/lib/jobs/progress";
import { runParamsSchema } from "@/lib/jobs/schemas";

export const GET = handler({ access: "ADMIN", project: "admin", params: runParamsSchema }, async ({ params }) => ({
  tasks: await listFailedTasks(params.id, params.runId),
}));
