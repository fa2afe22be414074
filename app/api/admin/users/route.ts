import { handler } from "@/lib/api/handler";
import { createUserSchema } from "@/lib/users/schemas";
import { createUser, listUsers } from "@/lib/users/users";

export const GET = handler({ access: "ADMIN" }, async () => ({ users: await listUsers() }));

export const POST = handler({ access: "ADMIN", body: createUserSchema }, async ({ body }) => ({
  user: await createUser(body),
}));
