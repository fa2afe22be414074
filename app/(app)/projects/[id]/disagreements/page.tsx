import type { Metadata } from "next";
import { PairListView } from "@/components/pairs/pair-list-view";
import { requireRole } from "@/lib/auth/guards";
import { parseListParams } from "@/lib/pairs/list-schemas";
import { listPairsShown } from "@/lib/pairs/pair-list";
import { getProjectForPage } from "@/lib/projects/for-page";
import { judgeDecides } from "@/lib/projects/modes";

export const metadata: Metadata = { title: "Disagreements" };

export default async function DisagreementsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole("ADMIN");
  const { id } = await params;
  const project = await getProjectForPage(id, user.id, user.role);
  const parsed = parseListParams(await searchParams);
  const { query } = parsed;
  const { page, error } = await listPairsShown(id, { ...query, disagreement: true }, parsed.error);
  return (
    <section aria-label="Disagreements">
      <p className="mb-3 text-sm text-slate-600">
        Pairs whose annotators did not all choose the same; open one to adjudicate.
      </p>
      <PairListView
        projectId={id}
        path={`/projects/${id}/disagreements`}
        filters={query}
        page={page}
        error={error}
        judged={judgeDecides(project.evaluationMode)}
        empty="No disagreements."
        disagreementFixed
      />
    </section>
  );
}
