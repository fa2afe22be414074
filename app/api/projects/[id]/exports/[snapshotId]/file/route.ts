import { handler } from "@/lib/api/handler";
import { snapshotParamsSchema } from "@/lib/export/delivery-schemas";
import { downloadHeaders } from "@/lib/export/download";
import { openSnapshotFile } from "@/lib/export/snapshot-files";
import { requireProjectAdmin } from "@/lib/projects/access";

/** The snapshot's file, byte for byte as it was first downloaded. */
export const GET = handler({ access: "ADMIN", params: snapshotParamsSchema }, async ({ user, params }) => {
  await requireProjectAdmin(params.id, user);
  const { body, ...download } = await openSnapshotFile(params.id, params.snapshotId);
  return new Response(body, { status: 200, headers: downloadHeaders(download) });
});
