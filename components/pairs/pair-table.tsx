import { Link } from "@/components/ui/link";
import { outcomeText, voteSummary } from "@/lib/annotation/outcome";
import { answersOrigin } from "@/lib/pairs/answer-origin";
import type { PairListRow } from "@/lib/pairs/pair-list";

export interface PairTableProps {
  rows: PairListRow[];
  /** The pair page's address for a row, carrying the list's filters for previous/next. */
  href: (pairId: string) => string;
}

const labelText: Record<string, string> = { A: "A better", B: "B better", TIE: "Tie", BOTH_BAD: "Both bad" };

function judgeText(judge: PairListRow["judge"]): string {
  if (!judge) return "—";
  if (judge.status === "AGREED") return judge.label ? labelText[judge.label]! : "agreed";
  return judge.status === "UNCERTAIN" ? "uncertain" : "failed";
}

/** One row per pair with its votes, outcome, judge verdict, flags and edits. */
export function PairTable({ rows, href }: PairTableProps) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" aria-label="Pairs">
        <thead className="border-b border-slate-200 text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Prompt
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Votes
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Outcome
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Judge
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Flags
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Edits
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Source
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id} className="border-t border-slate-100 align-top hover:bg-slate-50" data-testid="pair-row">
              <td className="max-w-md px-3 py-2">
                <Link
                  href={href(p.id)}
                  dir="auto"
                  className="line-clamp-2 text-indigo-700 underline decoration-indigo-200 underline-offset-2 hover:decoration-indigo-700"
                >
                  {p.prompt || "(empty prompt)"}
                </Link>
                <span className="text-xs text-slate-500">{new Date(p.createdAt).toLocaleString()}</span>
              </td>
              <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                {voteSummary(p.outcome)}
                {p.disagreement && <span className="ml-1 rounded bg-amber-50 px-1 text-xs text-amber-800">split</span>}
                {p.skips > 0 && <span className="block text-xs text-slate-500">{p.skips} skipped</span>}
              </td>
              <td className="whitespace-nowrap px-3 py-2">
                {outcomeText(p.outcome)}
                {p.adjudicated && <span className="block text-xs text-slate-500">adjudicated</span>}
                {p.goldLabel && (
                  <span className="block text-xs text-amber-800">
                    gold: {labelText[p.goldLabel]} (not in the dataset)
                  </span>
                )}
              </td>
              <td className="whitespace-nowrap px-3 py-2">{judgeText(p.judge)}</td>
              <td className="px-3 py-2 tabular-nums">{p.flagged || "—"}</td>
              <td className="px-3 py-2 tabular-nums">{p.edited || "—"}</td>
              <td className="whitespace-nowrap px-3 py-2 text-xs text-slate-600">
                {answersOrigin(p.endpoints, p.sourcesBySide)}
                {p.implicitLabel && <span className="block">implicit: {p.implicitLabel}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
