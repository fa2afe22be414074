import { handler } from "@/lib/api/handler";
import { tokenIdParamsSchema } from "@/lib/tokens/schemas";
import { revokeToken } from "@/lib/tokens/tokens";

export const DELETE = handler(
  { access: "ADMIN", sessionOnly: true, params: tokenIdParamsSchema },
  async ({ params }) => ({
    token: await revokeToken(params.id),
  }),
);
