import { handler } from "@/lib/api/handler";
import { getRunProgress, listRuns } from "@/lib/jobs/progress";
import { startRun } from "@/lib/generation/runs";
import { projectParamsSchema } from "@/lib/generation/schemas";
import { runsQuerySchema } from "@/lib/jobs/schemas";

export const GET = handler(
  { access: "ADMIN", project: "admin", params: projectParamsSchema, query: runsQuerySchema },
  async ({ params, query: { kind, ...page } }) => listRuns(params.id, kind, page),
);

export const POST = handler(
  { access: "ADMIN", project: "admin", params: projectParamsSchema },
  async ({ params, user }) => {
    const run = await startRun(params.id, user.id);
    return { run: await getRunProgress(params.id, run.id) };
  },
);
