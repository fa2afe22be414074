import { handler } from "@/lib/api/handler";
import { projectParamsSchema } from "@/lib/generation/schemas";
import { listPairs, pairListQuerySchema } from "@/lib/pairs/list-pairs";

export const GET = handler(
  { access: "ADMIN", project: "admin", params: projectParamsSchema, query: pairListQuerySchema },
  async ({ params, query }) => listPairs(params.id, query),
);
