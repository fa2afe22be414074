import { handler } from "@/lib/api/handler";
import { annotationProject } from "@/lib/annotation/access";
import { getProgress } from "@/lib/annotation/progress";
import { projectParams, voteSchema } from "@/lib/annotation/schemas";
import { submitVote } from "@/lib/annotation/votes";

export const POST = handler({ access: "user", params: projectParams, body: voteSchema }, async ({ params, body, user }) => {
  const project = await annotationProject(params.id, user);
  const { voteId } = await submitVote(project.id, user.id, body);
  return { voteId, progress: await getProgress(project.id, user.id) };
});
