import { handler } from "@/lib/api/handler";
import { exportProjectParamsSchema } from "@/lib/export/delivery-schemas";
import { downloadHeaders } from "@/lib/export/download";
import { exportSource } from "@/lib/export/source";
import { exportQuerySchema } from "@/lib/export/options";
import { startExport } from "@/lib/export/snapshots";

// The options are parsed (422 naming the field) and the first bytes produced before the response
// starts; after that the file streams as the client reads it.
export const GET = handler(
  // Every export is stored as a snapshot in the admin's name: not for another site's link to start.
  {
    access: "ADMIN",
    project: "admin",
    recordsOnGet: true,
    params: exportProjectParamsSchema,
    query: exportQuerySchema,
  },
  async ({ user, params, query }) => {
    const { body, ...download } = await startExport(params.id, user, query, exportSource);
    return new Response(body, { status: 200, headers: downloadHeaders(download) });
  },
);
