import { handler } from "@/lib/api/handler";
import { readImportRequest, withImportErrors } from "@/lib/api/import-request";
import { closeWhenUnread } from "@/lib/api/upload";
import { getServerEnv } from "@/lib/env";
import { importPairs } from "@/lib/pairs/import-pairs";
import { projectParamsSchema } from "@/lib/prompts/schemas";

// The body is the file itself (or JSON with pasted text): see lib/api/import-request.ts.
export const POST = closeWhenUnread(
  handler(
    { access: "ADMIN", project: "admin", upload: true, params: projectParamsSchema },
    async ({ req, user, params }) =>
      withImportErrors(async () => {
        const request = await readImportRequest(req, getServerEnv().IMPORT_MAX_BYTES);
        return importPairs({ projectId: params.id, userId: user.id, ...request });
      }),
  ),
);
