import type { Metadata } from "next";
import { idParamsSchema } from "@/lib/params";
import { requireRole } from "@/lib/auth/guards";
import { listRuns } from "@/lib/jobs/progress";
import { getProjectForPage } from "@/lib/projects/for-page";
import { judgeDecides } from "@/lib/projects/modes";
import { getProjectEndpoints } from "@/lib/projects/project-endpoints";
import { JudgeSummary } from "./_components/judge-summary";
import { JudgingPanel } from "./_components/judging-panel";

export const metadata: Metadata = { title: "Judging" };

export default async function JudgingPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("ADMIN");
  const { id } = idParamsSchema.parse(await params);
  const project = await getProjectForPage(id, user.id, user.role);
  const [endpoints, runs] = await Promise.all([getProjectEndpoints(id), listRuns(id, "JUDGING").then((p) => p.runs)]);
  const judged = judgeDecides(project.evaluationMode);
  return (
    <div className="max-w-4xl space-y-6">
      <JudgeSummary project={project} judges={endpoints.judges} />
      <JudgingPanel
        projectId={id}
        initialRuns={runs}
        canStart={judged && endpoints.judges.length > 0 && !endpoints.judges.some((j) => j.archived)}
      />
    </div>
  );
}
