import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/guards";
import { listSnapshots } from "@/lib/export/snapshot-files";
import { exportProjectParamsSchema } from "@/lib/export/delivery-schemas";
import { getProjectForPage } from "@/lib/projects/for-page";
import { ExportView } from "./_components/export-view";

export const metadata: Metadata = { title: "Export" };

export default async function ExportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("ADMIN");
  const { id } = exportProjectParamsSchema.parse(await params);
  const project = await getProjectForPage(id, user.id, user.role);
  return <ExportView projectId={id} overlap={project.overlap} initialSnapshots={await listSnapshots(id)} />;
}
