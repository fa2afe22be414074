import { handler } from "@/lib/api/handler";
import { exportProjectParamsSchema } from "@/lib/export/delivery-schemas";
import { listSnapshots } from "@/lib/export/snapshot-files";

export const GET = handler(
  { access: "ADMIN", project: "admin", params: exportProjectParamsSchema },
  async ({ params }) => {
    return { exports: await listSnapshots(params.id) };
  },
);
