import { z } from "zod";
import { handler } from "@/lib/api/handler";
import { snapshotParamsSchema } from "@/lib/export/delivery-schemas";
import { getSnapshotCard } from "@/lib/export/snapshot-files";

/** The dataset card written with the snapshot (README.md, Hugging Face form); ?download=1 saves it. */
export const GET = handler(
  {
    access: "ADMIN",
    project: "admin",
    params: snapshotParamsSchema,
    query: z.object({ download: z.enum(["1"], "download is 1 (save the card) or not given (show it)").optional() }),
  },
  async ({ params, query }) => {
    const { card, fileName } = await getSnapshotCard(params.id, params.snapshotId);
    const disposition = query.download ? "attachment" : "inline";
    return new Response(card, {
      headers: {
        "Content-Type": "text/markdown; charset=utf-8",
        "Content-Disposition": `${disposition}; filename="${fileName}"`,
      },
    });
  },
);
