import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { DocumentsView } from "@/components/documents/documents-view";
import { requireRole } from "@/lib/auth/guards";
import { getChunkSettings, listDocuments } from "@/lib/documents";
import { getServerEnv } from "@/lib/env";
import { idParamsSchema } from "@/lib/params";
import { getProjectForPage } from "@/lib/projects/for-page";

export const metadata: Metadata = { title: "Documents" };

export default async function DocumentsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("ADMIN");
  const { id } = idParamsSchema.parse(await params);
  // Checks the project exists and the user may see it (else the 404 page).
  const project = await getProjectForPage(id, user.id, user.role);
  const [documents, settings] = await Promise.all([listDocuments(id), getChunkSettings(id)]);
  return (
    <>
      <p className="mb-4 text-sm">
        <Link className="underline" href={`/projects/${id}/documents/runs`}>
          Document runs
        </Link>{" "}
        turn these documents into instruction data or preference pairs.
      </p>
      <DocumentsView
        projectId={id}
        archived={!!project.archivedAt}
        maxBytes={getServerEnv().IMPORT_MAX_BYTES}
        initialDocuments={documents}
        initialSettings={settings}
      />
    </>
  );
}
