"use client";

import type { ProjectMetrics } from "@/lib/metrics/types";
import { count, percent, stat } from "./format";
import { Section } from "./section";

const cell = "py-1 pr-4";

/** A panel's judges one by one: each against humans, and each two against each other. */
export function PanelSection({ m }: { m: NonNullable<ProjectMetrics["panel"]> }) {
  return (
    <Section
      title="Judges of the panel"
      description="Each judge's own verdict (its two orders agreeing) against the human label, on the pairs both gave one, and each two judges against each other on the pairs both gave a verdict (A, B or tie). The figures above are the panel's majority verdicts."
    >
      <div className="grid gap-6 md:grid-cols-2">
        <table className="text-sm tabular-nums" data-testid="panel-judges">
          <caption className="mb-1 text-left text-xs text-slate-600">Each judge vs humans</caption>
          <thead>
            <tr className="text-left text-xs text-slate-500">
              <th scope="col" className={`${cell} font-medium`}>
                Judge
              </th>
              <th scope="col" className={`${cell} font-medium`}>
                Accuracy
              </th>
              <th scope="col" className={`${cell} font-medium`}>
                Cohen&apos;s kappa
              </th>
              <th scope="col" className="py-1 font-medium">
                n (pairs)
              </th>
            </tr>
          </thead>
          <tbody>
            {m.judges.map((j) => (
              <tr key={j.endpointId} className="border-t border-slate-200">
                <th scope="row" className={`${cell} text-left font-normal`}>{`${j.name} (${j.modelId})`}</th>
                <td className={cell}>{percent(j.accuracy)}</td>
                <td className={cell} title={j.kappaReason}>
                  {stat(j.kappa)}
                </td>
                <td className="py-1">n = {count(j.n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="text-sm tabular-nums" data-testid="panel-agreement">
          <caption className="mb-1 text-left text-xs text-slate-600">Judge vs judge</caption>
          <thead>
            <tr className="text-left text-xs text-slate-500">
              <th scope="col" className={`${cell} font-medium`}>
                Judges
              </th>
              <th scope="col" className={`${cell} font-medium`}>
                Agreement
              </th>
              <th scope="col" className={`${cell} font-medium`}>
                Cohen&apos;s kappa
              </th>
              <th scope="col" className="py-1 font-medium">
                n (pairs)
              </th>
            </tr>
          </thead>
          <tbody>
            {m.agreement.map((a) => (
              <tr key={`${a.a.endpointId}|${a.b.endpointId}`} className="border-t border-slate-200">
                <th scope="row" className={`${cell} text-left font-normal`}>{`${a.a.name} – ${a.b.name}`}</th>
                <td className={cell}>{percent(a.agreement)}</td>
                <td className={cell} title={a.kappaReason}>
                  {stat(a.kappa)}
                </td>
                <td className="py-1">n = {count(a.n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
