"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/api/client";
import type { ImportBatchView } from "@/lib/prompts/types";
import { DeleteImportDialog } from "./delete-import-dialog";
import { importsKey } from "./query-keys";

export interface ImportHistoryProps {
  projectId: string;
  initialImports: ImportBatchView[];
}

const n = (value: number) => value.toLocaleString("en-US");

export function ImportHistory({ projectId, initialImports }: ImportHistoryProps) {
  const { data: imports } = useQuery({
    queryKey: importsKey(projectId),
    queryFn: async () => (await apiFetch<{ imports: ImportBatchView[] }>(`/api/projects/${projectId}/imports`)).imports,
    initialData: initialImports,
  });
  const [deleting, setDeleting] = useState<ImportBatchView | null>(null);
  if (imports.length === 0) return null;
  return (
    <details className="rounded-lg border border-slate-200 bg-white">
      <summary className="cursor-pointer px-4 py-2 text-sm font-medium">Past imports ({imports.length})</summary>
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              When
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              File
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Kind
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Imported
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Duplicates
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Invalid
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              By
            </th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {imports.map((b) => (
            <tr key={b.id} className="border-t border-slate-100">
              <td className="px-3 py-2 whitespace-nowrap text-slate-600">{new Date(b.createdAt).toLocaleString()}</td>
              <td className="px-3 py-2">{b.fileName ?? <span className="text-slate-500">pasted {b.format}</span>}</td>
              <td className="px-3 py-2">{b.kind === "PAIRS" ? "Pairs" : "Prompts"}</td>
              <td className="px-3 py-2 text-right tabular-nums">{n(b.imported)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{n(b.duplicates)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{n(b.invalid)}</td>
              <td className="px-3 py-2 text-slate-600">{b.createdBy.email ?? "a removed user"}</td>
              <td className="px-3 py-2 text-right">
                <button
                  type="button"
                  onClick={() => setDeleting(b)}
                  aria-label={`Delete import ${b.fileName ?? `pasted ${b.format}`}`}
                  className="rounded px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {deleting && <DeleteImportDialog projectId={projectId} batch={deleting} onClose={() => setDeleting(null)} />}
    </details>
  );
}
