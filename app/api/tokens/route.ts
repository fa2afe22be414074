import { handler } from "@/lib/api/handler";
import { createTokenSchema } from "@/lib/tokens/schemas";
import { createToken, listTokens } from "@/lib/tokens/tokens";

// Managing tokens needs a browser session, so a leaked token cannot mint more or hide others.
// Every admin sees every token, so anyone can contain a leak.

export const GET = handler({ access: "ADMIN", sessionOnly: true }, async () => ({ tokens: await listTokens() }));

export const POST = handler({ access: "ADMIN", sessionOnly: true, body: createTokenSchema }, async ({ user, body }) =>
  createToken(user.id, body.name, body.scope),
);
