import { handler } from "@/lib/api/handler";
import { addProjectMember, listProjectMembers } from "@/lib/projects/members";
import { addMemberSchema, projectIdParamsSchema } from "@/lib/projects/schemas";

export const GET = handler(
  { access: "ADMIN", project: "admin", params: projectIdParamsSchema },
  async ({ user, params }) => ({
    members: await listProjectMembers(params.id, user),
  }),
);

export const POST = handler(
  { access: "ADMIN", project: "admin", params: projectIdParamsSchema, body: addMemberSchema },
  async ({ user, params, body }) => ({ member: await addProjectMember(params.id, user, body) }),
);
