import { z } from "zod";
import { handler } from "@/lib/api/handler";
import { getPair } from "@/lib/pairs/list-pairs";

export const GET = handler(
  { access: "ADMIN", params: z.object({ id: z.string().min(1), pairId: z.string().min(1) }) },
  async ({ params }) => ({ pair: await getPair(params.id, params.pairId) }),
);
