import { handler } from "@/lib/api/handler";
import { exportProjectParamsSchema } from "@/lib/export/delivery-schemas";
import { listSnapshots } from "@/lib/export/snapshot-files";
import { requireProjectAdmin } from "@/lib/projects/access";

export const GET = handler({ access: "ADMIN", params: exportProjectParamsSchema }, async ({ user, params }) => {
  await requireProjectAdmin(params.id, user);
  return { exports: await listSnapshots(params.id) };
});
