import { handler } from "@/lib/api/handler";
import { annotationProject } from "@/lib/annotation/access";
import { getProgress } from "@/lib/annotation/progress";
import { voteParams } from "@/lib/annotation/schemas";
import { undoVote } from "@/lib/annotation/votes";

export const DELETE = handler({ access: "user", params: voteParams }, async ({ params, user }) => {
  const project = await annotationProject(params.id, user);
  const item = await undoVote(project.id, user.id, params.voteId);
  return { item, progress: await getProgress(project.id, user.id) };
});
