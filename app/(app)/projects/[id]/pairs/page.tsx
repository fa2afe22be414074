import type { Metadata } from "next";
import { PairListView } from "@/components/pairs/pair-list-view";
import { requireRole } from "@/lib/auth/guards";
import { parseListParams } from "@/lib/pairs/list-schemas";
import { listPairsShown } from "@/lib/pairs/pair-list";
import { getProjectForPage } from "@/lib/projects/for-page";
import { judgeDecides } from "@/lib/projects/modes";

export const metadata: Metadata = { title: "Pairs" };

export default async function PairsPage({
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
  const { page, error } = await listPairsShown(id, query, parsed.error);
  return (
    <section aria-label="Pairs">
      <PairListView
        projectId={id}
        path={`/projects/${id}/pairs`}
        filters={query}
        page={page}
        error={error}
        judged={judgeDecides(project.evaluationMode)}
        empty={
          query.after || query.before || page.total === null
            ? "No pairs match."
            : "No pairs yet: run generation, or import pairs."
        }
      />
    </section>
  );
}
