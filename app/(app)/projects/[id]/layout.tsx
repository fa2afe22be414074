import type { ReactNode } from "react";
import { ProjectModes } from "@/components/projects/project-modes";
import { requireUser } from "@/lib/auth/guards";
import { getProjectForPage } from "@/lib/projects/for-page";
import { ProjectTabs } from "./_components/project-tabs";

export interface ProjectLayoutProps {
  children: ReactNode;
  params: Promise<{ id: string }>;
}

export default async function ProjectLayout({ children, params }: ProjectLayoutProps) {
  const user = await requireUser();
  const project = await getProjectForPage((await params).id, user.id, user.role);
  return (
    <div>
      <header className="mb-4">
        <h1 className="text-2xl font-semibold">{project.name}</h1>
        <div className="mt-2">
          <ProjectModes project={project} />
        </div>
      </header>
      <ProjectTabs
        projectId={project.id}
        isAdmin={user.role === "ADMIN"}
        takesWrittenAnswers={project.writersPerPrompt > 0}
      />
      {children}
    </div>
  );
}
