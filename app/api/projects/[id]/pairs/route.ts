import { handler } from "@/lib/api/handler";
import { projectParamsSchema } from "@/lib/generation/schemas";
import { pairListQuerySchema } from "@/lib/pairs/list-schemas";
import { listPairs } from "@/lib/pairs/pair-list";

export const GET = handler(
  { access: "ADMIN", project: "admin", params: projectParamsSchema, query: pairListQuerySchema },
  async ({ params, query }) => listPairs(params.id, query),
);
