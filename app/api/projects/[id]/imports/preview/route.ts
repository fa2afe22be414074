import { handler } from "@/lib/api/handler";
import { withImportErrors } from "@/lib/api/import-request";
import { closeWhenUnread, prefixReader } from "@/lib/api/upload";
import { findImportProject } from "@/lib/prompts/import-project";
import { previewUpload } from "@/lib/prompts/preview";
import { previewQuerySchema, projectParamsSchema } from "@/lib/prompts/schemas";

// The body is the start of the file (the browser sends a slice); `partial=1` says there is more,
// so a cut-off last record is not reported as an error. Only as much is read as the first records
// need, so a script may send a whole file.
export const POST = closeWhenUnread(
  handler(
    { access: "ADMIN", project: "admin", upload: true, params: projectParamsSchema, query: previewQuerySchema },
    async ({ req, params, query }) =>
      withImportErrors(async () => {
        await findImportProject(params.id);
        const body = prefixReader(req);
        try {
          const { partial, ...format } = query;
          return await previewUpload(body.read, { ...format, partial: partial === "1" });
        } finally {
          await body.close();
        }
      }),
  ),
);
