import { handler } from "@/lib/api/handler";
import { annotationProject } from "@/lib/annotation/access";
import { getProgress } from "@/lib/annotation/progress";
import { nextItems } from "@/lib/annotation/queue";
import { nextSchema, projectParams } from "@/lib/annotation/schemas";

export const POST = handler({ access: "user", params: projectParams, body: nextSchema }, async ({ params, body, user }) => {
  const project = await annotationProject(params.id, user);
  const items = await nextItems(project.id, user.id, body.count, body.holding);
  return { items, progress: await getProgress(project.id, user.id) };
});
