"use client";

import type { ProjectMetrics } from "@/lib/metrics/types";
import { FigureTable } from "./figure-table";
import { count, percent, stat } from "./format";
import { Section } from "./section";

/** A panel's judges one by one: each against humans, and each two against each other. */
export function PanelSection({ m }: { m: NonNullable<ProjectMetrics["panel"]> }) {
  return (
    <Section
      title="Judges of the panel"
      description="Each judge's own verdict (its two orders agreeing) against the human label, on the pairs both gave one, and each two judges against each other on the pairs both gave a verdict (A, B or tie). The figures above are the panel's majority verdicts."
    >
      <div className="grid gap-6 md:grid-cols-2">
        <FigureTable
          testId="panel-judges"
          caption="Each judge vs humans"
          subject={{ header: "Judge", cell: (j) => `${j.name} (${j.modelId})` }}
          columns={[
            { header: "Accuracy", cell: (j) => percent(j.accuracy) },
            { header: "Cohen's kappa", cell: (j) => stat(j.kappa), title: (j) => j.kappaReason },
            { header: "n (pairs)", cell: (j) => `n = ${count(j.n)}` },
          ]}
          rows={m.judges}
          rowKey={(j) => j.endpointId}
        />
        <FigureTable
          testId="panel-agreement"
          caption="Judge vs judge"
          subject={{ header: "Judges", cell: (a) => `${a.a.name} – ${a.b.name}` }}
          columns={[
            { header: "Agreement", cell: (a) => percent(a.agreement) },
            { header: "Cohen's kappa", cell: (a) => stat(a.kappa), title: (a) => a.kappaReason },
            { header: "n (pairs)", cell: (a) => `n = ${count(a.n)}` },
          ]}
          rows={m.agreement}
          rowKey={(a) => `${a.a.endpointId}|${a.b.endpointId}`}
        />
      </div>
    </Section>
  );
}
