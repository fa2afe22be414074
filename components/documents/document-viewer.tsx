"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api/client";
import { characterCount } from "@/lib/documents/characters";
import { documentKey } from "./query-keys";
import { formatLabel, type DocumentRow } from "./types";

export interface DocumentViewerProps {
  projectId: string;
  documentId: string;
  onClose: () => void;
}

interface DocumentDetail extends Pick<DocumentRow, "id" | "title" | "fileName" | "format" | "byteSize"> {
  rawText: string;
  cleanText: string;
  /** Where each chunk under the current settings lies in the cleaned text (UTF-16 offsets). */
  chunks: { index: number; start: number; end: number }[];
}

function TextPane({ label, text }: { label: string; text: string }) {
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-sm font-medium text-slate-700">
        {label} ({characterCount(text).toLocaleString("en-US")} characters)
      </figcaption>
      {/* Focusable so the keyboard can scroll it. */}
      <pre
        dir="auto"
        tabIndex={0}
        className="max-h-96 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 text-xs break-words whitespace-pre-wrap focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        {text}
      </pre>
    </figure>
  );
}

/**
 * The document's chunks as runs get them, one after another: each with its number and length, the
 * sentences it repeats from the chunk before (overlap) set apart, so its boundaries can be checked.
 */
export function ChunkList({ text, chunks }: { text: string; chunks: DocumentDetail["chunks"] }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium text-slate-700">
        Chunks under the current settings ({chunks.length.toLocaleString("en-US")})
      </summary>
      {chunks.length === 0 ? (
        <p className="mt-2 text-slate-600">
          No chunk: the document is shorter than the minimum and short documents are dropped.
        </p>
      ) : (
        <ol className="mt-2 max-h-[32rem] space-y-2 overflow-auto" aria-label="Chunks">
          {chunks.map((c, i) => {
            const repeatedTo = Math.min(c.end, Math.max(c.start, chunks[i - 1]?.end ?? c.start));
            return (
              <li key={c.index} className="rounded-md border border-slate-200 bg-slate-50 p-2">
                <p className="mb-1 text-xs font-medium text-slate-600">
                  Chunk {c.index + 1} · {characterCount(text.slice(c.start, c.end)).toLocaleString("en-US")} characters
                  {repeatedTo > c.start && " · starts with the end of the chunk before (overlap, shaded)"}
                </p>
                <pre dir="auto" className="text-xs break-words whitespace-pre-wrap">
                  {repeatedTo > c.start && (
                    <span className="bg-amber-100" title="Repeated from the chunk before (overlap)">
                      {text.slice(c.start, repeatedTo)}
                    </span>
                  )}
                  {text.slice(repeatedTo, c.end)}
                </pre>
              </li>
            );
          })}
        </ol>
      )}
    </details>
  );
}

/** A document before and after cleaning, side by side, and the chunks cut from it. */
export function DocumentViewer({ projectId, documentId, onClose }: DocumentViewerProps) {
  const { data, error, isPending } = useQuery({
    queryKey: documentKey(projectId, documentId),
    queryFn: async () =>
      (await apiFetch<{ document: DocumentDetail }>(`/api/projects/${projectId}/documents/${documentId}`)).document,
  });
  return (
    <section
      aria-labelledby="document-view-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id="document-view-heading" className="text-lg font-semibold">
          {data ? data.title : "Document"}
          {data && <span className="ml-2 text-sm font-normal text-slate-600">{formatLabel[data.format]}</span>}
        </h2>
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
      {isPending && <p className="text-sm text-slate-600">Loading…</p>}
      {error && <Alert tone="error">{error.message}</Alert>}
      {data && (
        <div className="grid gap-4 md:grid-cols-2">
          <TextPane label="As uploaded" text={data.rawText} />
          <TextPane label="Cleaned" text={data.cleanText} />
        </div>
      )}
      {data && <ChunkList text={data.cleanText} chunks={data.chunks} />}
    </section>
  );
}
