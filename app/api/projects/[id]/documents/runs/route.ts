import { handler } from "@/lib/api/handler";
import { startDocumentRun, startDocumentRunSchema } from "@/lib/document-runs";
import { getRunProgress } from "@/lib/jobs/progress";
import { idParamsSchema } from "@/lib/params";

export const POST = handler(
  { access: "ADMIN", project: "admin", params: idParamsSchema, body: startDocumentRunSchema },
  async ({ params, body, user }) => {
    const run = await startDocumentRun(params.id, user.id, body);
    return { run: await getRunProgress(params.id, run.id) };
  },
);
