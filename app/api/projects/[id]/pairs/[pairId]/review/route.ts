import { z } from "zod";
import { handler } from "@/lib/api/handler";
import { adjudicate, adjudicationSchema, pairReview } from "@/lib/annotation/review";

const params = z.object({ id: z.string().min(1), pairId: z.string().min(1) });

export const GET = handler({ access: "ADMIN", project: "admin", params }, ({ params }) => pairReview(params.id, params.pairId));

export const PUT = handler({ access: "ADMIN", project: "admin", params, body: adjudicationSchema }, async ({ params, body, user }) => {
  await adjudicate(params.id, params.pairId, user.id, body);
  return pairReview(params.id, params.pairId);
});
