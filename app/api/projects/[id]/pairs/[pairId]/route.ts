import { projectChildParams } from "@/lib/params";
import { handler } from "@/lib/api/handler";
import { getPair } from "@/lib/pairs/get-pair";
import { getPairJudging } from "@/lib/pairs/pair-judgments";

// Admins only: the judge's verdicts, scores and replies would tell an annotator what to choose.
export const GET = handler(
  { access: "ADMIN", project: "admin", params: projectChildParams("pairId") },
  async ({ params }) => {
    const [pair, judging] = await Promise.all([
      getPair(params.id, params.pairId),
      getPairJudging(params.id, params.pairId),
    ]);
    return { pair, judging };
  },
);
