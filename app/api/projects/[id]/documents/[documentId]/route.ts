import { handler } from "@/lib/api/handler";
import { deleteDocument, documentParamsSchema, getDocument } from "@/lib/documents";
import { NotFoundError } from "@/lib/errors";

export const GET = handler({ access: "ADMIN", project: "admin", params: documentParamsSchema }, async ({ params }) => {
  const document = await getDocument(params.id, params.documentId);
  if (!document) throw new NotFoundError("Document");
  return { document };
});

export const DELETE = handler(
  { access: "ADMIN", project: "admin", params: documentParamsSchema },
  async ({ params }) => {
    if (!(await deleteDocument(params.id, params.documentId))) throw new NotFoundError("Document");
    return { deleted: true };
  },
);
