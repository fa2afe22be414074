import { handler } from "@/lib/api/handler";
import { snapshotParamsSchema } from "@/lib/export/delivery-schemas";
import { deleteSnapshot, getSnapshot } from "@/lib/export/snapshot-files";

export const GET = handler({ access: "ADMIN", project: "admin", params: snapshotParamsSchema }, async ({ params }) => {
  return { export: await getSnapshot(params.id, params.snapshotId) };
});

export const DELETE = handler(
  { access: "ADMIN", project: "admin", params: snapshotParamsSchema },
  async ({ params }) => {
    await deleteSnapshot(params.id, params.snapshotId);
    return { deleted: true };
  },
);
