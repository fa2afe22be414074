import { z } from "zod";
import { ApiError, notFound } from "@/lib/api/errors";
import { handler } from "@/lib/api/handler";
import { deleteImport, importImpact, ImportInUseError, ImportNotFoundError } from "@/lib/prompts/delete-import";
import { importParamsSchema } from "@/lib/prompts/schemas";

const deleteQuerySchema = z.object({
  /** "1": also delete the votes, verdicts and candidates that depend on the import. */
  withWork: z.enum(["0", "1"]).optional(),
});

async function mapped<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ImportNotFoundError) throw notFound("Import");
    if (err instanceof ImportInUseError) throw new ApiError(409, "import_in_use", err.message);
    throw err;
  }
}

/** What deleting the import would remove, for the confirmation. */
export const GET = handler({ access: "ADMIN", params: importParamsSchema }, async ({ params }) =>
  mapped(async () => ({ impact: await importImpact(params.id, params.importId) })),
);

export const DELETE = handler({ access: "ADMIN", params: importParamsSchema, query: deleteQuerySchema }, async ({ params, query }) =>
  mapped(async () => ({ deleted: await deleteImport(params.id, params.importId, { withWork: query.withWork === "1" }) })),
);
