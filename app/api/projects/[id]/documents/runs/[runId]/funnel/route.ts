import { handler } from "@/lib/api/handler";
import { getRunFunnel } from "@/lib/document-runs";
import { runParamsSchema } from "@/lib/jobs/schemas";

export const GET = handler({ access: "ADMIN", project: "admin", params: runParamsSchema }, async ({ params }) => ({
  funnel: await getRunFunnel(params.id, params.runId),
}));
