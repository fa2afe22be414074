import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { getProjectForPage } from "@/lib/projects/for-page";
import { WriteWorkspace } from "./_components/write-workspace";

export const metadata: Metadata = { title: "Write" };

export interface WritePageProps {
  params: Promise<{ id: string }>;
}

// The project layout has already turned non-members away with a 404.
export default async function WritePage({ params }: WritePageProps) {
  const user = await requireUser();
  const project = await getProjectForPage((await params).id, user.id, user.role);
  if (project.writersPerPrompt <= 0) notFound();
  return (
    <section aria-label="Write">
      <WriteWorkspace projectId={project.id} userId={user.id} guidelines={project.guidelines} />
    </section>
  );
}
