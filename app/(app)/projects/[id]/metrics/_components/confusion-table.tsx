import { TableScroll } from "@/components/ui/table-scroll";
import type { ProjectMetrics } from "@/lib/metrics/types";
import { count } from "./format";

const names: Record<string, string> = { A: "A", B: "B", TIE: "Tie" };

export interface ConfusionTableProps {
  confusion: ProjectMetrics["judgeHuman"]["confusion"];
}

/** Rows the human label, columns the judge's; cells shaded by their share of the largest cell. */
export function ConfusionTable({ confusion }: ConfusionTableProps) {
  const max = Math.max(1, ...confusion.counts.flat());
  return (
    <TableScroll label="Confusion matrix">
      <table className="border-collapse text-sm tabular-nums">
        <caption className="mb-1 text-left text-xs text-slate-600">
          Confusion matrix: pairs by human label (rows) and judge label (columns)
        </caption>
        <thead>
          <tr>
            <th scope="col" className="px-2 py-1 text-left text-xs font-medium text-slate-500">
              Human \ Judge
            </th>
            {confusion.labels.map((l) => (
              <th key={l} scope="col" className="px-3 py-1 text-xs font-medium">
                {names[l]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {confusion.labels.map((row, i) => (
            <tr key={row}>
              <th scope="row" className="px-2 py-1 text-left text-xs font-medium">
                {names[row]}
              </th>
              {confusion.counts[i]!.map((c, j) => (
                <td
                  key={j}
                  className="border border-white px-3 py-1 text-center"
                  style={{
                    backgroundColor: `rgba(79, 70, 229, ${(0.08 + (0.7 * c) / max).toFixed(2)})`,
                    color: c / max > 0.6 ? "white" : undefined,
                  }}
                  data-testid={`confusion-${row}-${confusion.labels[j]}`}
                >
                  {count(c)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
