import { handler } from "@/lib/api/handler";
import { annotationProject } from "@/lib/annotation/access";
import { getProgress } from "@/lib/annotation/progress";
import { projectParams } from "@/lib/annotation/schemas";

export const GET = handler({ access: "user", params: projectParams }, async ({ params, user }) => {
  const project = await annotationProject(params.id, user);
  return getProgress(project.id, user.id);
});
