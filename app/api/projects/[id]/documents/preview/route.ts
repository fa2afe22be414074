import { handler } from "@/lib/api/handler";
import { chunkSettingsSchema, previewChunks } from "@/lib/documents";
import { idParamsSchema } from "@/lib/params";

// What the settings in the body would give, before they are saved: nothing is stored.
export const POST = handler(
  { access: "ADMIN", project: "admin", params: idParamsSchema, body: chunkSettingsSchema },
  async ({ params, body }) => ({ preview: await previewChunks(params.id, body) }),
);
