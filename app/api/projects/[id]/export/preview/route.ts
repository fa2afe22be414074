import { handler } from "@/lib/api/handler";
import { exportProjectParamsSchema } from "@/lib/export/delivery-schemas";
import { exportOptionsSchema } from "@/lib/export/options";
import { exportSource } from "@/lib/export/source";
import { requireProjectAdmin } from "@/lib/projects/access";

/** What an export with these options would hold, for the export form. */
export const GET = handler(
  { access: "ADMIN", params: exportProjectParamsSchema, query: exportOptionsSchema },
  async ({ user, params, query }) => {
    await requireProjectAdmin(params.id, user);
    return { counts: await exportSource.counts(params.id, query), columns: exportSource.columns(query) };
  },
);
