import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/guards";
import { listEndpoints } from "@/lib/endpoints/endpoints";
import { listRuns } from "@/lib/jobs/progress";
import { idParamsSchema } from "@/lib/params";
import { getProjectEndpoints } from "@/lib/projects/project-endpoints";
import { listProjects } from "@/lib/projects/projects";
import { DocumentRunsPanel } from "./_components/document-runs-panel";

export const metadata: Metadata = { title: "Document runs" };

export default async function DocumentRunsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("ADMIN");
  const { id } = idParamsSchema.parse(await params);
  const [endpoints, runs, projects, roles] = await Promise.all([
    listEndpoints(),
    listRuns(id, "DOCUMENTS").then((p) => p.runs),
    listProjects(user),
    getProjectEndpoints(id),
  ]);
  const others = projects.filter((p) => p.id !== id).map((p) => ({ id: p.id, name: p.name }));
  const usable = endpoints.filter((e) => !e.archivedAt).map((e) => ({ id: e.id, name: e.name }));
  // The project's own models first: its strong (or first sampling) endpoint writes, its weak one
  // answers without the text.
  const active = (ref?: { id: string; archived: boolean }) => (ref && !ref.archived ? ref.id : undefined);
  const defaults = {
    generator: active(roles.strong) ?? active(roles.samplers[0]),
    rejected: active(roles.weak),
  };
  return (
    <DocumentRunsPanel projectId={id} endpoints={usable} defaults={defaults} initialRuns={runs} projects={others} />
  );
}
