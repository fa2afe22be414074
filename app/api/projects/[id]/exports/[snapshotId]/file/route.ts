import { handler } from "@/lib/api/handler";
import { snapshotParamsSchema } from "@/lib/export/delivery-schemas";
import { downloadHeaders } from "@/lib/export/download";
import { openSnapshotFile, snapshotFileFacts } from "@/lib/export/snapshot-files";

const access = { access: "ADMIN", project: "admin", params: snapshotParamsSchema } as const;

/** The snapshot's file, byte for byte as it was first downloaded. */
export const GET = handler(access, async ({ params }) => {
  const { body, ...download } = await openSnapshotFile(params.id, params.snapshotId);
  return new Response(body, { status: 200, headers: downloadHeaders(download) });
});

/** GET's headers (size and checksum included) without reading the file: not GET with its body dropped. */
export const HEAD = handler(access, async ({ params }) => {
  const download = await snapshotFileFacts(params.id, params.snapshotId);
  return new Response(null, { status: 200, headers: downloadHeaders(download) });
});
