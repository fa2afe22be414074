"use client";

import type { ProjectMetrics } from "@/lib/metrics/types";
import { Bars } from "@/components/ui/bar-chart";
import { Figure } from "./figure";
import { FigureTable } from "./figure-table";
import { count, percent, stat } from "./format";
import { Section } from "./section";

export function AnnotatorsSection({ m, overlap }: { m: ProjectMetrics["annotators"]; overlap: number }) {
  const rated = m.perAnnotator.filter((a) => a.agreement !== null);
  return (
    <Section
      title="Agreement between annotators"
      description={`Pairs with two or more votes. Krippendorff's alpha (nominal, over A, B, tie and both bad) allows pairs with different numbers of votes; Fleiss' kappa needs the same number on every pair, so it uses only pairs with exactly ${overlap} vote${overlap === 1 ? "" : "s"} (the project's overlap). Each annotator is compared with the majority of the other annotators of the same pairs; pairs where the others tie are not counted.`}
      empty={
        m.nPairs === 0 &&
        (overlap < 2
          ? "This project asks for one vote per pair, so annotators are never compared."
          : "No pair has two or more votes yet.")
      }
    >
      <dl className="mb-4 grid grid-cols-2 gap-2 md:grid-cols-3">
        <Figure
          label={m.kappaOrAlpha.label}
          value={stat(m.kappaOrAlpha.value)}
          n={m.kappaOrAlpha.n}
          reason={m.kappaOrAlpha.reason}
        />
        <Figure
          label={`Fleiss' kappa (${m.fleiss.raters} votes per pair)`}
          value={stat(m.fleiss.value)}
          n={m.fleiss.n}
          reason={m.fleiss.reason}
        />
      </dl>
      <div className="grid gap-4 md:grid-cols-2">
        <FigureTable
          caption="Agreement with the other annotators' majority"
          subject={{ header: "Annotator", cell: (a) => a.email }}
          columns={[
            { header: "Agreement", cell: (a) => percent(a.agreement) },
            { header: "n (pairs)", cell: (a) => `n = ${count(a.n)}` },
          ]}
          rows={m.perAnnotator}
          rowKey={(a) => a.userId}
        />
        {rated.length > 0 && (
          <Bars
            data={rated.map((a) => ({ name: a.email.split("@")[0]!, value: a.agreement! }))}
            domain={[0, 1]}
            format={percent}
            height={Math.max(180, 40 * rated.length)}
          />
        )}
      </div>
    </Section>
  );
}
