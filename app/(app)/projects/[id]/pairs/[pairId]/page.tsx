import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/guards";
import { pairReview } from "@/lib/annotation/review";
import { getPair } from "@/lib/pairs/get-pair";
import { filtersToParams, parseListParams, withParams } from "@/lib/pairs/list-schemas";
import { pairNeighbours } from "@/lib/pairs/pair-list";
import { getPairJudging } from "@/lib/pairs/pair-judgments";
import { AdjudicationForm } from "../_components/adjudication-form";
import { CandidateColumn } from "../_components/candidate-column";
import { GoldForm } from "../_components/gold-form";
import { PairEdits } from "../_components/pair-edits";
import { PairJudgments } from "../_components/pair-judgments";
import { PairNav } from "../_components/pair-nav";
import { PairSkips } from "../_components/pair-skips";
import { PairVotes } from "../_components/pair-votes";

export const metadata: Metadata = { title: "Pair" };

export default async function PairPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; pairId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole("ADMIN");
  const { id, pairId } = await params;
  // The list this pair was opened from: its filters decide the previous and next pair.
  const { query } = parseListParams(await searchParams);
  const [pair, review, judging, around] = await Promise.all([
    getPair(id, pairId),
    pairReview(id, pairId),
    getPairJudging(id, pairId),
    pairNeighbours(id, pairId, query),
  ]);
  const filters = filtersToParams(query);
  const pairHref = (other: string | null) => other && withParams(`/projects/${id}/pairs/${other}`, filters);
  const edits = review.votes
    .filter((v) => v.editedText !== null)
    .map((v) => ({
      id: v.id,
      annotator: v.annotator,
      choice: v.choice === "B" ? "B" : "A",
      original: v.choice === "B" ? pair.candidateB.text : pair.candidateA.text,
      edited: v.editedText!,
    }));
  return (
    <section aria-label="Pair" className="space-y-4">
      <PairNav
        listHref={withParams(`/projects/${id}/pairs`, filters)}
        previousHref={pairHref(around.previous)}
        nextHref={pairHref(around.next)}
      />
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-sm font-medium text-slate-500">Prompt</h2>
        {pair.system && (
          <p className="mt-1 whitespace-pre-wrap wrap-anywhere text-sm text-slate-600" data-testid="pair-system">
            <span className="font-medium">System: </span>
            <span dir="auto">{pair.system}</span>
          </p>
        )}
        <p dir="auto" className="mt-1 whitespace-pre-wrap wrap-anywhere" data-testid="pair-prompt">
          {pair.prompt.text}
        </p>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <CandidateColumn label="A" candidate={pair.candidateA} chosen={pair.implicitLabel === "A"} />
        <CandidateColumn label="B" candidate={pair.candidateB} chosen={pair.implicitLabel === "B"} />
      </div>
      <PairEdits edits={edits} />
      <PairJudgments judging={judging} />
      <PairVotes review={review} />
      <PairSkips skips={review.skips} />
      <AdjudicationForm
        projectId={id}
        pairId={pairId}
        current={
          review.adjudication && {
            label: review.adjudication.label,
            reason: review.adjudication.reason,
            adjudicator: review.adjudication.adjudicator,
            updatedAt: review.adjudication.updatedAt.toISOString(),
          }
        }
      />
      <GoldForm projectId={id} pairId={pairId} gold={pair.goldLabel} />
    </section>
  );
}
