import { handler } from "@/lib/api/handler";
import { progressFor } from "@/lib/annotation/progress";
import { voteParams } from "@/lib/annotation/schemas";
import { undoVote } from "@/lib/annotation/votes";

export const DELETE = handler(
  { access: "user", project: "member", params: voteParams },
  async ({ params, project, user }) => {
    const item = await undoVote(project.id, user.id, params.voteId);
    return { item, progress: await progressFor(project.id, user) };
  },
);
