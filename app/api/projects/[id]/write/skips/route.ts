import { handler } from "@/lib/api/handler";
import { getWriteProgress } from "@/lib/writing/progress";
import { writeParams, writeSkipSchema } from "@/lib/writing/schemas";
import { skipWrite } from "@/lib/writing/submit";

export const POST = handler(
  { access: "user", project: "member", params: writeParams, body: writeSkipSchema },
  async ({ project, body, user }) => {
    await skipWrite(project.id, user.id, body);
    return { progress: await getWriteProgress(project.id, user.id) };
  },
);
