import type { Metadata } from "next";
import { ProjectList } from "@/components/projects/project-list";
import { requireUser } from "@/lib/auth/guards";
import { listProjects } from "@/lib/projects/projects";
import { projectSearchSchema } from "@/lib/projects/schemas";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage({
  searchParams,
}: {
  searchParams: Promise<{ archived?: string; q?: string }>;
}) {
  const user = await requireUser();
  const isAdmin = user.role === "ADMIN";
  const { archived, q } = await searchParams;
  const showArchived = isAdmin && archived === "1";
  const search = projectSearchSchema.catch(undefined).parse(q) ?? "";
  const projects = await listProjects(user, { includeArchived: showArchived, search });
  return (
    <div>
      <h1 className="mb-6 text-2xl font-semibold">Projects</h1>
      <ProjectList
        projects={projects}
        isAdmin={isAdmin}
        showArchived={isAdmin ? showArchived : undefined}
        search={search}
      />
    </div>
  );
}
