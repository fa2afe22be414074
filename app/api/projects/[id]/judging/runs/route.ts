import { handler } from "@/lib/api/handler";
import { getRunProgress, listRuns } from "@/lib/jobs/progress";
import { projectParamsSchema } from "@/lib/generation/schemas";
import { startJudgingRun } from "@/lib/judging/runs";
import { startJudgingSchema } from "@/lib/judging/schemas";

export const GET = handler({ access: "ADMIN", project: "admin", params: projectParamsSchema }, async ({ params }) => ({
  runs: await listRuns(params.id, "JUDGING"),
}));

export const POST = handler(
  { access: "ADMIN", project: "admin", params: projectParamsSchema, body: startJudgingSchema },
  async ({ params, user, body }) => {
    const run = await startJudgingRun(params.id, user.id, body);
    return { run: await getRunProgress(params.id, run.id) };
  },
);
