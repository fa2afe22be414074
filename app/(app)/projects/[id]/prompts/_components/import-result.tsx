import type { ImportResult } from "@/lib/prompts/types";

export interface ImportResultViewProps {
  result: ImportResult;
}

const n = (value: number) => value.toLocaleString("en-US");

export function ImportResultView({ result }: ImportResultViewProps) {
  const { batch, errorsTruncated } = result;
  const what = batch.kind === "PAIRS" ? "pairs" : "prompts";
  return (
    <section aria-label="Import result" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <p role="status" className="text-sm">
        <strong className="font-semibold">{n(batch.imported)} imported</strong>
        <span className="text-slate-600">
          {" "}
          · {n(batch.duplicates)} duplicates · {n(batch.invalid)} invalid · {n(batch.total)} {what} read
        </span>
      </p>
      {batch.nulsRemoved > 0 && (
        <p className="text-xs text-slate-500">
          {n(batch.nulsRemoved)} NUL {batch.nulsRemoved === 1 ? "character" : "characters"} removed (the database cannot
          store them); the rest of the text is kept exactly.
        </p>
      )}
      {batch.duplicates > 0 && (
        <p className="text-xs text-slate-500">
          Duplicates repeat an earlier row of the file or something the project already has; they are skipped.
        </p>
      )}
      {batch.errors.length > 0 && (
        <div>
          <h3 className="text-sm font-medium text-red-800">
            {n(batch.invalid)} {batch.invalid === 1 ? "row" : "rows"} could not be imported
            {errorsTruncated && (
              <span className="font-normal text-slate-600"> (showing the first {n(batch.errors.length)})</span>
            )}
          </h3>
          <ul
            aria-label="Row errors"
            className="mt-1 max-h-64 overflow-y-auto rounded border border-red-100 bg-red-50 px-3 py-2 font-mono text-xs text-red-900"
          >
            {batch.errors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
