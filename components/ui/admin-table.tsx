import type { ReactNode } from "react";
import { TableScroll } from "./table-scroll";

export interface AdminTableProps {
  /** What the table lists, for its scroll box's name ("Users"). */
  label: string;
  /** Column headings; a last, unnamed column holds each row's actions. */
  headings: readonly string[];
  children: ReactNode;
}

/** The bordered list table of the admin pages (users, endpoints, tokens). */
export function AdminTable({ label, headings, children }: AdminTableProps) {
  return (
    <TableScroll label={label}>
      <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            {headings.map((h) => (
              <th key={h} className="px-3 py-2 font-medium">
                {h}
              </th>
            ))}
            <th className="px-3 py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}
