import { handler } from "@/lib/api/handler";
import { snapshotParamsSchema } from "@/lib/export/delivery-schemas";
import { downloadHeaders } from "@/lib/export/download";
import { openSnapshotFile } from "@/lib/export/snapshot-files";

/** The snapshot's file, byte for byte as it was first downloaded. */
export const GET = handler({ access: "ADMIN", project: "admin", params: snapshotParamsSchema }, async ({ params }) => {
  const { body, ...download } = await openSnapshotFile(params.id, params.snapshotId);
  return new Response(body, { status: 200, headers: downloadHeaders(download) });
});
