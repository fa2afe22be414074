import { handler } from "@/lib/api/handler";
import { getRunProgress } from "@/lib/jobs/progress";
import { cancelRun, pauseRun, resumeRun, retryFailed } from "@/lib/jobs/runs";
import { runActionSchema, runParamsSchema } from "@/lib/jobs/schemas";

export const GET = handler({ access: "ADMIN", project: "admin", params: runParamsSchema }, async ({ params }) => ({
  run: await getRunProgress(params.id, params.runId),
}));

const actions = { pause: pauseRun, resume: resumeRun, cancel: cancelRun, retry_failed: retryFailed };

export const PATCH = handler(
  { access: "ADMIN", project: "admin", params: runParamsSchema, body: runActionSchema },
  async ({ params, body }) => {
    await actions[body.action](params.id, params.runId);
    return { run: await getRunProgress(params.id, params.runId) };
  },
);
