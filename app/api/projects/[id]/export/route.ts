import { handler } from "@/lib/api/handler";
import { exportProjectParamsSchema } from "@/lib/export/delivery-schemas";
import { contentTypeFor, downloadHeaders, fileNameFor } from "@/lib/export/download";
import { exportSource } from "@/lib/export/source";
import { exportQuerySchema } from "@/lib/export/options";
import { startExport } from "@/lib/export/snapshots";

// The options are parsed (422 naming the field) and the first bytes produced before the response
// starts; after that the file streams as the client reads it.
const access = {
  access: "ADMIN",
  project: "admin",
  params: exportProjectParamsSchema,
  query: exportQuerySchema,
} as const;

export const GET = handler(
  // Every export is stored as a snapshot in the admin's name: not for another site's link to start.
  { ...access, recordsOnGet: true },
  async ({ user, params, query }) => {
    const { body, ...download } = await startExport(params.id, user, query, exportSource);
    return new Response(body, { status: 200, headers: downloadHeaders(download) });
  },
);

// What GET would answer (the options checked, the file's type and name), without starting an
// export. Left to Next.js, HEAD runs GET and drops its body unread and never cancelled: the
// export stayed running, holding its database connections, for every `curl -I`.
export const HEAD = handler(access, ({ project, query }) => {
  const headers = downloadHeaders({
    fileName: fileNameFor(project.name, query),
    contentType: contentTypeFor(query.type),
  });
  return new Response(null, { status: 200, headers });
});
