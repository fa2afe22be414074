import { handler } from "@/lib/api/handler";
import { chunkSettingsOf, chunkSettingsSchema, ensureChunks, saveChunkSettings } from "@/lib/documents";
import { idParamsSchema } from "@/lib/params";

export const GET = handler({ access: "ADMIN", project: "admin", params: idParamsSchema }, ({ project }) => ({
  settings: chunkSettingsOf(project),
}));

// Saving cuts the chunks under the new settings at once, so the list's counts follow them.
export const PUT = handler(
  { access: "ADMIN", project: "admin", params: idParamsSchema, body: chunkSettingsSchema },
  async ({ user, params, body }) => {
    await saveChunkSettings(params.id, body, user.id);
    const { chunks } = await ensureChunks(params.id);
    const { expected: _loaded, ...settings } = body;
    return { settings, chunks };
  },
);
