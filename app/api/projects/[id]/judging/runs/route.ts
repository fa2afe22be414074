import { handler } from "@/lib/api/handler";
import { getRunProgress, listRuns } from "@/lib/jobs/progress";
import { projectParamsSchema } from "@/lib/generation/schemas";
import { startJudgingRun } from "@/lib/judging/runs";
import { startJudgingSchema } from "@/lib/judging/schemas";
import { runPageQuerySchema } from "@/lib/jobs/schemas";

// The runs list (GET /runs?kind=JUDGING), paged the same way.
export const GET = handler(
  { access: "ADMIN", project: "admin", params: projectParamsSchema, query: runPageQuerySchema },
  async ({ params, query }) => listRuns(params.id, "JUDGING", query),
);

export const POST = handler(
  { access: "ADMIN", project: "admin", params: projectParamsSchema, body: startJudgingSchema },
  async ({ params, user, body }) => {
    const run = await startJudgingRun(params.id, user.id, body);
    return { run: await getRunProgress(params.id, run.id) };
  },
);
