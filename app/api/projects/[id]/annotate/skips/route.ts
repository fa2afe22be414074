import { handler } from "@/lib/api/handler";
import { progressFor } from "@/lib/annotation/progress";
import { projectParams, skipSchema } from "@/lib/annotation/schemas";
import { skipPair } from "@/lib/annotation/votes";

export const POST = handler(
  { access: "user", project: "member", params: projectParams, body: skipSchema },
  async ({ project, body, user }) => {
    await skipPair(project.id, user.id, body);
    return { progress: await progressFor(project.id, user) };
  },
);
