import { StatList } from "@/components/ui/stat-list";
import type { RunVerdicts } from "@/lib/judging/run-verdicts";

/** How a judging run's pairs came out, and which went to annotators and why. */
export function VerdictCounts({ verdicts }: { verdicts: RunVerdicts }) {
  const items: [string, number][] = [
    ["Agreed", verdicts.agreed],
    ["Uncertain", verdicts.uncertain],
    ["Judge failed", verdicts.failed],
    // Pending while the run goes on; after it, the pairs whose calls failed (the run's failures say why).
    ...(verdicts.noVerdict ? [["No verdict yet", verdicts.noVerdict] as [string, number]] : []),
    ["To annotators: uncertain", verdicts.toHumans.uncertain],
    ["To annotators: judge failed", verdicts.toHumans.judgeFailed],
    ["To annotators: low confidence", verdicts.toHumans.lowConfidence],
    ["To annotators: audit", verdicts.toHumans.audit],
  ];
  return (
    <div className="mt-2 rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="mb-2 text-sm font-medium">Verdicts of {verdicts.pairs} pairs</h3>
      <StatList items={items} className="grid-cols-2 sm:grid-cols-4" data-testid="verdict-counts" />
    </div>
  );
}
