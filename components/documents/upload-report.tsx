import { Alert } from "@/components/ui/alert";
import type { AddDocumentsReport } from "@/lib/documents/add-documents";

export interface UploadReportProps {
  report: AddDocumentsReport;
}

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

/** What became of each file of the last upload. */
export function UploadReport({ report }: UploadReportProps) {
  return (
    <div className="space-y-2">
      <Alert tone={report.refused && !report.stored ? "error" : "success"}>
        {plural(report.stored, "document")} stored, {plural(report.duplicates, "duplicate")}, {report.refused} refused
        {report.nulRemoved > 0 && ` (${plural(report.nulRemoved, "NUL character")} removed)`}.
      </Alert>
      <ul className="space-y-1 text-sm">
        {report.documents.map((d, i) => (
          <li key={`${d.name}-${i}`}>
            <span className="font-medium">{d.name}</span>:{" "}
            {d.status === "stored" && <span className="text-emerald-800">stored as “{d.title}”</span>}
            {d.status === "duplicate" && (
              <span className="text-slate-700">
                {d.sameOnceCleaned
                  ? `same text as “${d.title}” once cleaned (the files differ only in line endings, spacing or markup): not stored again`
                  : `already there as “${d.title}”`}
              </span>
            )}
            {d.status === "refused" && <span className="text-red-700">refused: {d.reason}</span>}
          </li>
        ))}
        {report.refusedNotListed > 0 && (
          <li className="text-red-700">{plural(report.refusedNotListed, "more file")} refused, not listed.</li>
        )}
      </ul>
    </div>
  );
}
