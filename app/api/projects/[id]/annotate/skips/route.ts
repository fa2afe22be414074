import { handler } from "@/lib/api/handler";
import { annotationProject } from "@/lib/annotation/access";
import { getProgress } from "@/lib/annotation/progress";
import { projectParams, skipSchema } from "@/lib/annotation/schemas";
import { skipPair } from "@/lib/annotation/votes";

export const POST = handler({ access: "user", params: projectParams, body: skipSchema }, async ({ params, body, user }) => {
  const project = await annotationProject(params.id, user);
  await skipPair(project.id, user.id, body);
  return { progress: await getProgress(project.id, user.id) };
});
