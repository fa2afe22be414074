import { handler } from "@/lib/api/handler";
import { progressFor } from "@/lib/annotation/progress";
import { projectParams, voteSchema } from "@/lib/annotation/schemas";
import { submitVote } from "@/lib/annotation/votes";

export const POST = handler(
  { access: "user", project: "member", params: projectParams, body: voteSchema },
  async ({ project, body, user }) => {
    const { voteId } = await submitVote(project.id, user.id, body);
    return { voteId, progress: await progressFor(project.id, user) };
  },
);
