import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { getProjectForPage } from "@/lib/projects/for-page";
import { judgeDecides } from "@/lib/projects/modes";
import { listProjectMembers } from "@/lib/projects/members";
import { listReservations } from "@/lib/annotation/reservations";
import { countArchivePausedRuns, countRunningRuns } from "@/lib/jobs/project-runs";
import { getProjectEndpoints, listEndpointOptions } from "@/lib/projects/project-endpoints";
import { listUsers } from "@/lib/users/users";
import { ProjectForm } from "../../_components/project-form";
import { ArchivePanel } from "./_components/archive-panel";
import { EndpointRoles } from "./_components/endpoint-roles";
import { GoldPanel } from "./_components/gold-panel";
import { JudgePanel } from "./_components/judge-panel";
import { MembersPanel } from "./_components/members-panel";
import { ReservationsPanel } from "./_components/reservations-panel";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  // Someone who may not see the project gets its 404 before learning the page is for admins.
  const project = await getProjectForPage((await params).id, user.id, user.role);
  if (user.role !== "ADMIN") forbidden();
  const [options, endpoints, members, users, reservations, runningRuns, archivePausedRuns] = await Promise.all([
    listEndpointOptions(),
    getProjectEndpoints(project.id),
    listProjectMembers(project.id, user),
    listUsers(),
    listReservations(project.id),
    countRunningRuns(project.id),
    countArchivePausedRuns(project.id),
  ]);
  return (
    <div className="max-w-3xl space-y-10">
      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading" className="mb-3 text-lg font-semibold">
          Settings
        </h2>
        <ProjectForm project={project} hasJudge={endpoints.judges.length > 0} />
      </section>
      <EndpointRoles
        projectId={project.id}
        generationMode={project.generationMode}
        options={options}
        initial={endpoints}
      />
      {judgeDecides(project.evaluationMode) && (
        <JudgePanel project={project} options={options} judges={endpoints.judges} />
      )}
      <GoldPanel project={project} />
      <MembersPanel projectId={project.id} initialMembers={members} users={users.filter((u) => u.active)} />
      <ReservationsPanel projectId={project.id} initialMembers={members} initial={reservations} />
      <ArchivePanel
        projectId={project.id}
        archived={project.archivedAt !== null}
        runningRuns={runningRuns}
        archivePausedRuns={archivePausedRuns}
      />
    </div>
  );
}
