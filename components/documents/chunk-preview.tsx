import type { ChunkPreview as Preview, PreviewChunk } from "@/lib/documents/preview";

export interface ChunkPreviewProps {
  preview: Preview;
}

const n = (value: number) => value.toLocaleString("en-US");

function Example({ label, chunk }: { label: string; chunk: PreviewChunk }) {
  return (
    <figure>
      <figcaption className="text-sm font-medium text-slate-700">
        {label}: {n(chunk.length)} characters, chunk {chunk.index + 1} of “{chunk.documentTitle}”
      </figcaption>
      <blockquote
        dir="auto"
        className="mt-1 max-h-32 overflow-hidden border-l-4 border-slate-200 pl-3 text-sm whitespace-pre-wrap text-slate-700"
      >
        {chunk.text.length > 600 ? `${chunk.text.slice(0, 600)}…` : chunk.text}
      </blockquote>
    </figure>
  );
}

/** What the settings would give: counts, a length histogram with its numbers, and examples. */
export function ChunkPreview({ preview }: ChunkPreviewProps) {
  const top = Math.max(1, ...preview.histogram.map((b) => b.count));
  return (
    <div className="space-y-4" role="status" aria-live="polite">
      <p className="text-sm">
        <strong>{n(preview.chunks)}</strong> chunks from {n(preview.documents - preview.droppedDocuments)} of{" "}
        {n(preview.documents)} documents
        {preview.droppedDocuments > 0 && ` (${n(preview.droppedDocuments)} shorter than the minimum left out)`}.
      </p>
      {preview.chunks > 0 && (
        <table className="w-full max-w-xl text-sm">
          <caption className="mb-1 text-left font-medium text-slate-700">Chunk lengths (characters)</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">Length</th>
              <th scope="col">Chunks</th>
            </tr>
          </thead>
          <tbody>
            {preview.histogram.map((b) => (
              <tr key={b.from}>
                <th
                  scope="row"
                  className="w-32 pr-2 text-left font-normal whitespace-nowrap text-slate-600 tabular-nums"
                >
                  {n(b.from)}–{n(b.to)}
                </th>
                <td className="py-0.5">
                  <div className="flex items-center gap-2">
                    <span
                      aria-hidden
                      className="inline-block h-3 rounded-sm bg-indigo-500"
                      style={{ width: `${(b.count / top) * 100}%`, minWidth: b.count ? 2 : 0 }}
                    />
                    <span className="tabular-nums">{n(b.count)}</span>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.shortest && <Example label="Shortest" chunk={preview.shortest} />}
      {preview.longest && <Example label="Longest" chunk={preview.longest} />}
      {preview.examples.map((c) => (
        <Example key={`${c.documentTitle}-${c.index}`} label="Example" chunk={c} />
      ))}
    </div>
  );
}
