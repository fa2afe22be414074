import { handler } from "@/lib/api/handler";
import { getWriteProgress } from "@/lib/writing/progress";
import { writeParams, writeSubmitSchema } from "@/lib/writing/schemas";
import { submitAnswer } from "@/lib/writing/submit";

export const POST = handler(
  { access: "user", project: "member", params: writeParams, body: writeSubmitSchema },
  async ({ project, body, user }) => {
    const { candidateId } = await submitAnswer(project.id, user.id, body);
    return { candidateId, progress: await getWriteProgress(project.id, user.id) };
  },
);
