import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/guards";
import { listInstructionRuns } from "@/lib/document-runs/funnel";
import { listSnapshots } from "@/lib/export/snapshot-files";
import { exportProjectParamsSchema, SNAPSHOT_PAGE_MAX } from "@/lib/export/delivery-schemas";
import { getProjectForPage } from "@/lib/projects/for-page";
import { ExportView } from "./_components/export-view";

export const metadata: Metadata = { title: "Export" };

export default async function ExportPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ run?: string | string[] }>;
}) {
  const user = await requireRole("ADMIN");
  const { id } = exportProjectParamsSchema.parse(await params);
  const project = await getProjectForPage(id, user.id, user.role);
  const { run } = await searchParams;
  const [snapshots, runs] = await Promise.all([
    listSnapshots(id, { limit: SNAPSHOT_PAGE_MAX }),
    listInstructionRuns(id),
  ]);
  return (
    <ExportView
      projectId={id}
      overlap={project.overlap}
      initialSnapshots={snapshots.exports}
      runs={runs}
      initialRun={typeof run === "string" ? run : undefined}
    />
  );
}
