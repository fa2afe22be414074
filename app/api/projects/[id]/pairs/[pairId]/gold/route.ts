import { projectChildParams } from "@/lib/params";
import { handler } from "@/lib/api/handler";
import { setGold } from "@/lib/pairs/gold";
import { goldSchema } from "@/lib/pairs/gold-schemas";

const params = projectChildParams("pairId");

export const PUT = handler(
  { access: "ADMIN", project: "admin", params, body: goldSchema },
  async ({ params, body }) => {
    await setGold(params.id, params.pairId, body.label);
    return { gold: body.label };
  },
);

export const DELETE = handler({ access: "ADMIN", project: "admin", params }, async ({ params }) => {
  await setGold(params.id, params.pairId, null);
  return { gold: null };
});
