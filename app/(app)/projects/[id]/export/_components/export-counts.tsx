import { EXCLUSION_LABELS, EXCLUSION_REASONS, type ExportCounts, type ExportSplit } from "@/lib/export/options";

export interface ExportCountsViewProps {
  counts: ExportCounts;
  columns: string[];
  split: ExportSplit;
}

const n = (value: number) => value.toLocaleString("en-US");

/** What the file will hold with the current options, and what is left out and why. */
export function ExportCountsView({ counts, columns, split }: ExportCountsViewProps) {
  const rows = split === "all" ? counts.splits.train + counts.splits.test : counts.splits[split];
  // Counts stored with older snapshots lack reasons added since: absent means none.
  const excluded = EXCLUSION_REASONS.filter((r) => (counts.excluded[r] ?? 0) > 0);
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="export-counts">
      <p className="text-base font-medium">
        <span data-testid="export-rows">{n(rows)}</span> rows in this file
      </p>
      <p className="text-slate-600">
        train {n(counts.splits.train)} · test {n(counts.splits.test)}
      </p>
      {excluded.length > 0 && (
        <>
          <p className="mt-3 font-medium text-slate-700">Left out</p>
          <ul className="text-slate-600">
            {excluded.map((r) => (
              <li key={r} data-testid={`excluded-${r}`}>
                {EXCLUSION_LABELS[r]}: {n(counts.excluded[r])}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="mt-3 text-xs text-slate-500">Columns: {columns.join(", ")}</p>
    </div>
  );
}
