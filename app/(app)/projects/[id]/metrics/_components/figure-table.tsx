import type { ReactNode } from "react";

export interface FigureColumn<R> {
  header: string;
  cell: (row: R) => ReactNode;
  /** A tooltip for the cell: why a figure is missing, say. */
  title?: (row: R) => string | undefined;
}

/** A small table of figures, one row per subject (an annotator, a judge, a pair of judges). */
export function FigureTable<R>({
  caption,
  testId,
  subject,
  columns,
  rows,
  rowKey,
}: {
  caption?: ReactNode;
  testId?: string;
  /** The first column: whom each row is about. */
  subject: FigureColumn<R>;
  columns: FigureColumn<R>[];
  rows: R[];
  rowKey: (row: R) => string;
}) {
  const pad = (i: number) => (i < columns.length - 1 ? "py-1 pr-3" : "py-1");
  return (
    <table className="text-sm tabular-nums" data-testid={testId}>
      {caption && <caption className="mb-1 text-left text-xs text-slate-600">{caption}</caption>}
      <thead>
        <tr className="text-left text-xs text-slate-500">
          <th scope="col" className="py-1 pr-3 font-medium">
            {subject.header}
          </th>
          {columns.map((c, i) => (
            <th key={c.header} scope="col" className={`${pad(i)} font-medium`}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={rowKey(r)} className="border-t border-slate-200">
            <th scope="row" className="py-1 pr-3 text-left font-normal">
              {subject.cell(r)}
            </th>
            {columns.map((c, i) => (
              <td key={c.header} className={pad(i)} title={c.title?.(r)}>
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
