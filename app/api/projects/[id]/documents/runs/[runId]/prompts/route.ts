import { handler } from "@/lib/api/handler";
import { useInstructionsAsPrompts, usePromptsSchema } from "@/lib/document-runs";
import { runParamsSchema } from "@/lib/jobs/schemas";

// "Use as prompts in a preference project": the run's kept instructions imported into another project.
export const POST = handler(
  { access: "ADMIN", project: "admin", params: runParamsSchema, body: usePromptsSchema },
  async ({ params, body, user }) => useInstructionsAsPrompts(params.id, params.runId, user, body),
);
