import { handler } from "@/lib/api/handler";
import { listPrompts } from "@/lib/prompts/list-prompts";
import { listPromptsQuerySchema, projectParamsSchema } from "@/lib/prompts/schemas";

export const GET = handler(
  { access: "ADMIN", project: "admin", params: projectParamsSchema, query: listPromptsQuerySchema },
  async ({ params, query }) => listPrompts(params.id, query),
);
