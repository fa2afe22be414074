import { handler } from "@/lib/api/handler";
import { updateUserSchema, userIdParamsSchema } from "@/lib/users/schemas";
import { updateUser } from "@/lib/users/users";

export const PATCH = handler(
  { access: "ADMIN", sessionOnly: true, params: userIdParamsSchema, body: updateUserSchema },
  async ({ params, body, user }) => ({ user: await updateUser(params.id, body, user.id) }),
);
