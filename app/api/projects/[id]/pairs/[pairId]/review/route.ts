import { projectChildParams } from "@/lib/params";
import { handler } from "@/lib/api/handler";
import { adjudicate, adjudicationSchema, pairReview } from "@/lib/annotation/review";

const params = projectChildParams("pairId");

export const GET = handler({ access: "ADMIN", project: "admin", params }, ({ params }) =>
  pairReview(params.id, params.pairId),
);

export const PUT = handler(
  { access: "ADMIN", project: "admin", params, body: adjudicationSchema },
  async ({ params, body, user }) => {
    await adjudicate(params.id, params.pairId, user.id, body);
    return pairReview(params.id, params.pairId);
  },
);
