"use client";

import type { ProjectMetrics } from "@/lib/metrics/types";
import { trustRuleText } from "@/lib/trust/rule";
import { count, percent } from "./format";
import { Section } from "./section";

export function GoldSection({ m }: { m: ProjectMetrics["gold"] }) {
  return (
    <Section
      title="Accuracy on gold pairs"
      description={`Gold pairs have a known answer and are served to annotators like any other pair; they are not part of the dataset or of the figures on this page. ${count(m.goldPairs)} gold pair${m.goldPairs === 1 ? "" : "s"}. ${trustRuleText(m.rule)}`}
      empty={
        m.perAnnotator.length === 0 &&
        (m.goldPairs === 0
          ? "No pair is gold yet: mark pairs gold with their known answer on the pair page, or in a pair import."
          : "No annotator has answered a gold pair yet.")
      }
    >
      <table className="text-sm tabular-nums" data-testid="gold-accuracy">
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th scope="col" className="py-1 pr-3 font-medium">
              Annotator
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Accuracy
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              n (gold answers)
            </th>
            <th scope="col" className="py-1 font-medium">
              Votes
            </th>
          </tr>
        </thead>
        <tbody>
          {m.perAnnotator.map((a) => (
            <tr key={a.userId} className="border-t border-slate-200">
              <th scope="row" className="py-1 pr-3 text-left font-normal">
                {a.email}
              </th>
              <td className="py-1 pr-3">{percent(a.accuracy)}</td>
              <td className="py-1 pr-3">
                {count(a.correct)} of n = {count(a.answers)}
              </td>
              <td className="py-1">{a.excluded ? "left out" : "counted"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
