import { handler } from "@/lib/api/handler";
import { progressFor } from "@/lib/annotation/progress";
import { projectParams } from "@/lib/annotation/schemas";

export const GET = handler({ access: "user", project: "member", params: projectParams }, ({ project, user }) =>
  progressFor(project.id, user),
);
