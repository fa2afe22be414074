import { handler } from "@/lib/api/handler";
import { getWriteProgress } from "@/lib/writing/progress";
import { nextWriteTask } from "@/lib/writing/queue";
import { writeNextSchema, writeParams } from "@/lib/writing/schemas";

export const POST = handler(
  { access: "user", project: "member", params: writeParams, body: writeNextSchema },
  async ({ project, body, user }) => ({
    task: await nextWriteTask(project.id, user.id, body.holding),
    minAnswerChars: project.minAnswerChars,
    progress: await getWriteProgress(project.id, user.id),
  }),
);
