import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/guards";
import { pairReview } from "@/lib/annotation/review";
import { getPair } from "@/lib/pairs/get-pair";
import { getPairJudging } from "@/lib/pairs/pair-judgments";
import { AdjudicationForm } from "../_components/adjudication-form";
import { CandidateColumn } from "../_components/candidate-column";
import { PairJudgments } from "../_components/pair-judgments";
import { PairVotes } from "../_components/pair-votes";

export const metadata: Metadata = { title: "Pair" };

export default async function PairPage({ params }: { params: Promise<{ id: string; pairId: string }> }) {
  await requireRole("ADMIN");
  const { id, pairId } = await params;
  const [pair, review, judging] = await Promise.all([getPair(id, pairId), pairReview(id, pairId), getPairJudging(id, pairId)]);
  return (
    <section aria-label="Pair" className="space-y-4">
      <Link href={`/projects/${id}/pairs`} className="text-sm text-indigo-600 underline">
        All pairs
      </Link>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-sm font-medium text-slate-500">Prompt</h2>
        {pair.prompt.system && (
          <p className="mt-1 whitespace-pre-wrap text-sm text-slate-600" data-testid="pair-system">
            <span className="font-medium">System: </span>
            {pair.prompt.system}
          </p>
        )}
        <p className="mt-1 whitespace-pre-wrap" data-testid="pair-prompt">{pair.prompt.text}</p>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <CandidateColumn label="A" candidate={pair.candidateA} chosen={pair.implicitLabel === "A"} />
        <CandidateColumn label="B" candidate={pair.candidateB} chosen={pair.implicitLabel === "B"} />
      </div>
      <PairJudgments judging={judging} />
      <PairVotes review={review} />
      <AdjudicationForm
        projectId={id}
        pairId={pairId}
        current={review.adjudication && { label: review.adjudication.label, reason: review.adjudication.reason }}
      />
    </section>
  );
}
