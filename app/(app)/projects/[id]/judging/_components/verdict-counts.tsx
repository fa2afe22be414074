import type { RunVerdicts } from "@/lib/judging/run-verdicts";

/** How a judging run's pairs came out, and which went to annotators and why. */
export function VerdictCounts({ verdicts }: { verdicts: RunVerdicts }) {
  const items: [string, number][] = [
    ["Agreed", verdicts.agreed],
    ["Uncertain", verdicts.uncertain],
    ["Failed", verdicts.failed],
    ["To annotators: uncertain", verdicts.toHumans.uncertain],
    ["To annotators: judge failed", verdicts.toHumans.judgeFailed],
    ["To annotators: low confidence", verdicts.toHumans.lowConfidence],
    ["To annotators: audit", verdicts.toHumans.audit],
  ];
  return (
    <div className="mt-2 rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="mb-2 text-sm font-medium">Verdicts of {verdicts.pairs} pairs</h3>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4" data-testid="verdict-counts">
        {items.map(([k, v]) => (
          <div key={k}>
            <dt className="text-slate-500">{k}</dt>
            <dd className="font-medium tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
