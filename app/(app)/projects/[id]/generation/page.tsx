import type { Metadata } from "next";
import { idParamsSchema } from "@/lib/params";
import { requireRole } from "@/lib/auth/guards";
import { listRuns } from "@/lib/jobs/progress";
import { GenerationPanel } from "./_components/generation-panel";

export const metadata: Metadata = { title: "Generation" };

export default async function GenerationPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("ADMIN");
  const { id } = idParamsSchema.parse(await params);
  const { runs } = await listRuns(id, "GENERATION");
  return <GenerationPanel projectId={id} initialRuns={runs} />;
}
