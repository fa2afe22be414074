import { handler } from "@/lib/api/handler";
import { progressFor } from "@/lib/annotation/progress";
import { nextItems } from "@/lib/annotation/queue";
import { nextSchema, projectParams } from "@/lib/annotation/schemas";

export const POST = handler(
  { access: "user", project: "member", params: projectParams, body: nextSchema },
  async ({ project, body, user }) => {
    // Admins hold nothing until they submit (lib/annotation/queue.ts, previewItems).
    const items = await nextItems(project.id, user.id, body.count, body.holding, { preview: user.role === "ADMIN" });
    return { items, progress: await progressFor(project.id, user) };
  },
);
