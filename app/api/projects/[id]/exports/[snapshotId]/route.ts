import { handler } from "@/lib/api/handler";
import { snapshotParamsSchema } from "@/lib/export/delivery-schemas";
import { getSnapshot } from "@/lib/export/snapshot-files";

export const GET = handler({ access: "ADMIN", project: "admin", params: snapshotParamsSchema }, async ({ params }) => {
  return { export: await getSnapshot(params.id, params.snapshotId) };
});
