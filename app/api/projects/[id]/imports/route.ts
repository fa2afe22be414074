import { handler } from "@/lib/api/handler";
import { listImportBatches } from "@/lib/prompts/import-batches";
import { projectParamsSchema } from "@/lib/prompts/schemas";

export const GET = handler({ access: "ADMIN", project: "admin", params: projectParamsSchema }, async ({ params }) => ({
  imports: await listImportBatches(params.id),
}));
