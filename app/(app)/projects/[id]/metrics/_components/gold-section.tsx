"use client";

import type { ProjectMetrics } from "@/lib/metrics/types";
import { trustRuleText } from "@/lib/trust/rule";
import { FigureTable } from "./figure-table";
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
      <FigureTable
        testId="gold-accuracy"
        subject={{ header: "Annotator", cell: (a) => a.email }}
        columns={[
          { header: "Accuracy", cell: (a) => percent(a.accuracy) },
          { header: "n (gold answers)", cell: (a) => `${count(a.correct)} of n = ${count(a.answers)}` },
          { header: "Votes", cell: (a) => (a.excluded ? "left out" : "counted") },
        ]}
        rows={m.perAnnotator}
        rowKey={(a) => a.userId}
      />
    </Section>
  );
}
