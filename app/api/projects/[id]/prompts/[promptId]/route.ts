import { handler } from "@/lib/api/handler";
import { getPrompt } from "@/lib/prompts/list-prompts";
import { promptParamsSchema } from "@/lib/prompts/schemas";

/** One prompt whole: the list gives the start of a long one (textTruncated). */
export const GET = handler({ access: "ADMIN", project: "admin", params: promptParamsSchema }, async ({ params }) => ({
  prompt: await getPrompt(params.id, params.promptId),
}));
