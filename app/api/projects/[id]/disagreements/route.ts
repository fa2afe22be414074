import { handler } from "@/lib/api/handler";
import { listDisagreements } from "@/lib/annotation/review";
import { projectParamsSchema } from "@/lib/generation/schemas";

export const GET = handler({ access: "ADMIN", project: "admin", params: projectParamsSchema }, async ({ params }) => ({
  pairs: await listDisagreements(params.id),
}));
