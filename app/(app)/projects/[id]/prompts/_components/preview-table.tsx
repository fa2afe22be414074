import type { ImportPreviewView } from "@/lib/prompts/types";

export interface PreviewTableProps {
  preview: ImportPreviewView;
}

const MAX_CELL = 160;

function cell(value: unknown): string {
  const text = value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL)}…` : text;
}

/** The first records as read from the file, before any mapping: what the admin maps from. */
export function PreviewTable({ preview }: PreviewTableProps) {
  // Nested paths ("meta.source") are offered for mapping; the table shows only their parents.
  const columns = preview.columns.filter(
    (c) => !c.includes(".") || !preview.columns.includes(c.slice(0, c.lastIndexOf("."))),
  );
  if (preview.rows.length === 0)
    return <p className="text-sm text-slate-600">No records could be read from the start of this file.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="w-full bg-white text-left text-sm" aria-label="Preview of the first records">
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, i) => (
            <tr key={i} className="border-t border-slate-100 align-top">
              {columns.map((c) => (
                <td key={c} className="max-w-xs px-3 py-2 break-words text-slate-800">
                  {cell(row[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
