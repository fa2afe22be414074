import { handler } from "@/lib/api/handler";
import { createUserSchema } from "@/lib/users/schemas";
import { createUser, listUsers } from "@/lib/users/users";

export const GET = handler({ access: "ADMIN" }, async () => ({ users: await listUsers() }));

// Creating users and changing passwords or roles take a browser session: a leaked API token
// must not be able to give itself a way back in.
export const POST = handler({ access: "ADMIN", sessionOnly: true, body: createUserSchema }, async ({ body }) => ({
  user: await createUser(body),
}));
