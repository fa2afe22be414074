import { handler } from "@/lib/api/handler";
import { createTokenSchema } from "@/lib/tokens/schemas";
import { createToken, listTokens } from "@/lib/tokens/tokens";

// Personal tokens of the signed-in admin. Managing tokens needs a browser session, so a leaked
// token cannot mint more.

export const GET = handler({ access: "ADMIN", sessionOnly: true }, async ({ user }) => ({ tokens: await listTokens(user.id) }));

export const POST = handler({ access: "ADMIN", sessionOnly: true, body: createTokenSchema }, async ({ user, body }) =>
  createToken(user.id, body.name),
);
