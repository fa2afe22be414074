import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/guards";
import { getServerEnv } from "@/lib/env";
import { getProjectForPage } from "@/lib/projects/for-page";
import { listImportBatches } from "@/lib/prompts/import-batches";
import { listPrompts } from "@/lib/prompts/list-prompts";
import { projectParamsSchema } from "@/lib/prompts/schemas";
import { PromptsView } from "./_components/prompts-view";

export const metadata: Metadata = { title: "Prompts" };

export default async function PromptsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("ADMIN");
  const { id } = projectParamsSchema.parse(await params);
  const project = await getProjectForPage(id, user.id, user.role);
  const [page, imports] = await Promise.all([listPrompts(id), listImportBatches(id)]);
  return (
    <PromptsView
      projectId={id}
      archived={!!project.archivedAt}
      canImportPairs={project.generationMode === "IMPORTED"}
      maxBytes={getServerEnv().IMPORT_MAX_BYTES}
      initialPage={page}
      initialImports={imports}
    />
  );
}
