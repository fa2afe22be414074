import { readDocumentUpload } from "@/lib/api/document-upload";
import { handler } from "@/lib/api/handler";
import { closeWhenUnread } from "@/lib/api/upload";
import { addDocuments, ensureChunks, listDocuments, refuseUploadWhenArchived } from "@/lib/documents";
import { getServerEnv } from "@/lib/env";
import { idParamsSchema } from "@/lib/params";

export const GET = handler({ access: "ADMIN", project: "admin", params: idParamsSchema }, async ({ params }) => ({
  documents: await listDocuments(params.id),
}));

// Several files (zips opened) and pasted text in one upload: see lib/api/document-upload.ts.
export const POST = closeWhenUnread(
  handler(
    { access: "ADMIN", project: "admin", upload: true, params: idParamsSchema },
    async ({ req, user, params }) => {
      await refuseUploadWhenArchived(params.id);
      const documents = await readDocumentUpload(req, getServerEnv().IMPORT_MAX_BYTES);
      const report = await addDocuments({ projectId: params.id, userId: user.id, documents });
      if (report.stored) await ensureChunks(params.id);
      return report;
    },
  ),
);
