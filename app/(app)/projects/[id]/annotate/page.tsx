import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/guards";
import { firstItems } from "@/lib/annotation/first-items";
import { getProjectForPage } from "@/lib/projects/for-page";
import { AnnotateWorkspace } from "./_components/annotate-workspace";

export const metadata: Metadata = { title: "Annotate" };

export interface AnnotatePageProps {
  params: Promise<{ id: string }>;
}

// The project layout has already turned non-members away with a 404.
export default async function AnnotatePage({ params }: AnnotatePageProps) {
  const user = await requireUser();
  const project = await getProjectForPage((await params).id, user.id, user.role);
  // The first pairs come with the page, so the first one shows without a fetch after hydration.
  const initial = await firstItems(project.id, user);
  return (
    <section aria-label="Annotate">
      <AnnotateWorkspace projectId={project.id} userId={user.id} guidelines={project.guidelines} initial={initial} />
    </section>
  );
}
