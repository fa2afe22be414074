"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { apiFetch } from "@/lib/api/client";
import { formatBytes } from "@/lib/api/upload-limit";
import { documentsKey } from "./query-keys";
import { formatLabel, type DocumentRow } from "./types";

export interface DocumentListProps {
  projectId: string;
  initialDocuments: DocumentRow[];
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}

const n = (value: number) => value.toLocaleString("en-US");
const th = "px-3 py-2 font-medium";

export function DocumentList({ projectId, initialDocuments, selectedId, onSelect }: DocumentListProps) {
  const queryClient = useQueryClient();
  const { data: documents } = useQuery({
    queryKey: documentsKey(projectId),
    queryFn: async () =>
      (await apiFetch<{ documents: DocumentRow[] }>(`/api/projects/${projectId}/documents`)).documents,
    initialData: initialDocuments,
  });
  const [deleting, setDeleting] = useState<DocumentRow | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/projects/${projectId}/documents/${id}`, { method: "DELETE" }),
    onSuccess: (_data, id) => {
      setDeleting(null);
      if (selectedId === id) onSelect(null);
      return queryClient.invalidateQueries({ queryKey: documentsKey(projectId) });
    },
  });

  if (!documents.length) {
    return <p className="text-sm text-slate-600">No documents yet: add files or paste text above.</p>;
  }
  return (
    <>
      <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
        <caption className="sr-only">Documents</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className={th}>
              Title
            </th>
            <th scope="col" className={th}>
              Format
            </th>
            <th scope="col" className={`${th} text-right`}>
              Size
            </th>
            <th scope="col" className={`${th} text-right`}>
              Characters
            </th>
            <th scope="col" className={`${th} text-right`}>
              Chunks
            </th>
            <th scope="col" className={th}>
              Added
            </th>
            <th scope="col" className={th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr key={d.id} className="border-t border-slate-100">
              <td className="px-3 py-2">
                <button
                  type="button"
                  onClick={() => onSelect(d.id)}
                  aria-pressed={selectedId === d.id}
                  className="text-left text-indigo-700 underline hover:text-indigo-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  {d.title}
                </button>
                {d.fileName && d.fileName !== d.title && <div className="text-xs text-slate-600">{d.fileName}</div>}
              </td>
              <td className="px-3 py-2">{formatLabel[d.format]}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatBytes(d.byteSize)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{n(d.characters)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{n(d.chunks)}</td>
              <td className="px-3 py-2 whitespace-nowrap text-slate-600">{new Date(d.createdAt).toLocaleString()}</td>
              <td className="px-3 py-2 text-right">
                <button
                  type="button"
                  onClick={() => setDeleting(d)}
                  aria-label={`Delete ${d.title}`}
                  className="rounded px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.title}”?`}
          confirmLabel="Delete document"
          pending={remove.isPending}
          error={remove.error?.message ?? null}
          onConfirm={() => remove.mutate(deleting.id)}
          onClose={() => setDeleting(null)}
        >
          <p>
            The document and its {n(deleting.chunks)} chunks under the current settings are deleted, with the items runs
            made from it (they leave the runs&apos; funnels). Runs keep their tasks, tokens and cost, and pairs made
            from it stay in the project. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
