import type { Metadata } from "next";
import { Markdown } from "@/components/markdown";
import { requireUser } from "@/lib/auth/guards";
import { getProjectDashboard, RECENT_VOTES } from "@/lib/dashboard";
import { getProjectForPage } from "@/lib/projects/for-page";
import { DashboardView } from "./_components/dashboard-view";
import { ProjectFacts } from "./_components/project-facts";

export interface ProjectPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: ProjectPageProps): Promise<Metadata> {
  const user = await requireUser();
  return { title: (await getProjectForPage((await params).id, user.id, user.role)).name };
}

export default async function ProjectOverviewPage({ params }: ProjectPageProps) {
  const user = await requireUser();
  const project = await getProjectForPage((await params).id, user.id, user.role);
  // Admins run the team: the dashboard (each annotator's pace, cost) is theirs alone.
  const dashboard = user.role === "ADMIN" ? await getProjectDashboard(project.id) : null;
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_18rem]">
      <div className="space-y-6">
        {project.description && <p className="whitespace-pre-line text-slate-700">{project.description}</p>}
        <section aria-labelledby="guidelines-heading">
          <h2 id="guidelines-heading" className="mb-2 text-lg font-semibold">
            Guidelines
          </h2>
          {project.guidelines.trim() ? (
            <Markdown source={project.guidelines} className="rounded-lg border border-slate-200 bg-white p-4" />
          ) : (
            <p className="text-sm text-slate-600">No guidelines yet.</p>
          )}
        </section>
        {dashboard && <DashboardView projectId={project.id} dashboard={dashboard} recentVotes={RECENT_VOTES} />}
      </div>
      <ProjectFacts project={project} />
    </div>
  );
}
