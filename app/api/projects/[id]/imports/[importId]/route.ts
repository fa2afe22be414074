import { z } from "zod";
import { handler } from "@/lib/api/handler";
import { deleteImport, importImpact } from "@/lib/prompts/delete-import";
import { importParamsSchema } from "@/lib/prompts/schemas";

const deleteQuerySchema = z.object({
  /** "1": also delete the votes, verdicts and candidates that depend on the import. */
  withWork: z.enum(["0", "1"]).optional(),
});

/** What deleting the import would remove, for the confirmation. */
export const GET = handler({ access: "ADMIN", project: "admin", params: importParamsSchema }, async ({ params }) => ({
  impact: await importImpact(params.id, params.importId),
}));

export const DELETE = handler(
  { access: "ADMIN", project: "admin", params: importParamsSchema, query: deleteQuerySchema },
  async ({ params, query }) => ({
    deleted: await deleteImport(params.id, params.importId, { withWork: query.withWork === "1" }),
  }),
);
