import { handler } from "@/lib/api/handler";
import { snapshotParamsSchema } from "@/lib/export/delivery-schemas";
import { getSnapshot } from "@/lib/export/snapshot-files";
import { requireProjectAdmin } from "@/lib/projects/access";

export const GET = handler({ access: "ADMIN", params: snapshotParamsSchema }, async ({ user, params }) => {
  await requireProjectAdmin(params.id, user);
  return { export: await getSnapshot(params.id, params.snapshotId) };
});
