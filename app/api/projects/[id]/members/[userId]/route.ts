import { handler } from "@/lib/api/handler";
import { removeProjectMember } from "@/lib/projects/members";
import { memberParamsSchema } from "@/lib/projects/schemas";

export const DELETE = handler(
  { access: "ADMIN", project: "admin", params: memberParamsSchema },
  async ({ user, params }) => {
    await removeProjectMember(params.id, user, params.userId);
    return { ok: true };
  },
);
