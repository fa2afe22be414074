import { handler } from "@/lib/api/handler";
import { withImportErrors } from "@/lib/api/import-request";
import { closeWhenUnread, readPrefix } from "@/lib/api/upload";
import { findImportProject } from "@/lib/prompts/import-project";
import { buildImportPreview, PREVIEW_BYTES } from "@/lib/prompts/preview";
import { previewQuerySchema, projectParamsSchema } from "@/lib/prompts/schemas";

// The body is the start of the file (the browser sends its first 64 KiB); `partial=1` says
// there is more, so a cut-off last record is not reported as an error.
export const POST = closeWhenUnread(
  handler(
    { access: "ADMIN", project: "admin", upload: true, params: projectParamsSchema, query: previewQuerySchema },
    async ({ req, params, query }) =>
      withImportErrors(async () => {
        await findImportProject(params.id);
        const { bytes, complete } = await readPrefix(req, PREVIEW_BYTES);
        const { partial, ...format } = query;
        return buildImportPreview(bytes, { ...format, complete: complete && partial !== "1" });
      }),
  ),
);
