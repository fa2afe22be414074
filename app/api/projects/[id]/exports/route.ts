import { handler } from "@/lib/api/handler";
import { exportProjectParamsSchema, snapshotListQuerySchema } from "@/lib/export/delivery-schemas";
import { listSnapshots } from "@/lib/export/snapshot-files";

export const GET = handler(
  { access: "ADMIN", project: "admin", params: exportProjectParamsSchema, query: snapshotListQuerySchema },
  async ({ params, query }) => listSnapshots(params.id, query),
);
