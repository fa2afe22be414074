import { handler } from "@/lib/api/handler";
import { snapshotParamsSchema } from "@/lib/export/delivery-schemas";
import { getSnapshotCard } from "@/lib/export/snapshot-files";

/** The dataset card written with the snapshot (README.md, Hugging Face form); ?download=1 saves it. */
export const GET = handler(
  { access: "ADMIN", project: "admin", params: snapshotParamsSchema },
  async ({ req, params }) => {
    const { card, fileName } = await getSnapshotCard(params.id, params.snapshotId);
    const disposition = new URL(req.url).searchParams.get("download") ? "attachment" : "inline";
    return new Response(card, {
      headers: {
        "Content-Type": "text/markdown; charset=utf-8",
        "Content-Disposition": `${disposition}; filename="${fileName}"`,
      },
    });
  },
);
