import { TableScroll } from "@/components/ui/table-scroll";
import { Fragment } from "react";
import { outcomeText, voteSummary } from "@/lib/annotation/outcome";
import type { pairReview } from "@/lib/annotation/review";
import { LABEL_NAMES } from "@/lib/labels/precedence";

type Review = Awaited<ReturnType<typeof pairReview>>;

const choiceText: Record<string, string> = LABEL_NAMES;

/** The votes on a pair and its outcome, for admins (annotators never see each other's votes). */
export function PairVotes({ review }: { review: Review }) {
  const { outcome, votes } = review;
  return (
    <section aria-label="Votes" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">
        Outcome:{" "}
        <span data-testid="pair-outcome">
          {outcomeText(outcome)}
          {outcome.source === "adjudication" && " (adjudicated)"}
        </span>
      </h2>
      <p className="text-sm text-slate-600">{voteSummary(outcome)}</p>
      {votes.length > 0 && (
        <TableScroll label="Votes" className="mt-3">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="py-1 pr-3 font-medium">Annotator</th>
                <th className="py-1 pr-3 font-medium">Choice</th>
                <th className="py-1 pr-3 font-medium">A shown</th>
                <th className="py-1 pr-3 font-medium">Time</th>
                <th className="py-1 font-medium">Notes</th>
              </tr>
            </thead>
            <tbody>
              {votes.map((v) => (
                <tr key={v.id} className="border-t border-slate-100 align-top">
                  <td className="py-1 pr-3">{v.annotator}</td>
                  <td className="py-1 pr-3">
                    {choiceText[v.choice]}
                    {v.strength && ` (${v.strength === 2 ? "clearly" : "slightly"})`}
                  </td>
                  <td className="py-1 pr-3">{v.leftIsA ? "left" : "right"}</td>
                  <td className="py-1 pr-3 tabular-nums">{(v.timeOnItemMs / 1000).toFixed(1)} s</td>
                  <td className="py-1">
                    {[
                      v.rationale && <span dir="auto">{v.rationale}</span>,
                      v.flags.length > 0 && `flagged: ${v.flags.join(", ")}`,
                      v.editedText && "edited the chosen answer",
                      v.excluded && "left out: the annotator is below the project's gold accuracy rule",
                    ]
                      .filter(Boolean)
                      .map((note, i) => (
                        <Fragment key={i}>
                          {i > 0 && " · "}
                          {note}
                        </Fragment>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
