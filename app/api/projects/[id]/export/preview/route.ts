import { handler } from "@/lib/api/handler";
import { exportProjectParamsSchema } from "@/lib/export/delivery-schemas";
import { exportQuerySchema } from "@/lib/export/options";
import { exportSource } from "@/lib/export/source";

/** What an export with these options would hold, for the export form. */
export const GET = handler(
  { access: "ADMIN", project: "admin", params: exportProjectParamsSchema, query: exportQuerySchema },
  async ({ params, query }) => {
    return { counts: await exportSource.counts(params.id, query), columns: exportSource.columns(query) };
  },
);
