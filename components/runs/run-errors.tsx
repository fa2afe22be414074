import { Link } from "@/components/ui/link";
import type { RunErrorGroup } from "@/lib/jobs/progress";

export interface RunErrorsProps {
  projectId: string;
  errors: RunErrorGroup[];
}

/** A run's failed tasks by cause; where the model did reply, one sample reply behind a disclosure. */
export function RunErrors({ projectId, errors }: RunErrorsProps) {
  return (
    <ul className="mt-1 space-y-2 text-sm" data-testid="run-errors">
      {errors.map((e) => (
        <li key={`${e.kind}:${e.message}`} data-testid="run-error">
          <div className="flex gap-2">
            <span className="rounded bg-red-50 px-1.5 font-mono text-xs text-red-700">{e.count}×</span>
            <span className="font-medium">{e.kind}</span>
            <span className="text-slate-700">{e.message}</span>
          </div>
          {e.sample && (
            <details className="ml-8 mt-1">
              <summary className="cursor-pointer text-xs text-indigo-700">Sample reply</summary>
              <pre
                className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-xs"
                data-testid="run-error-sample"
              >
                {e.sample.reply}
              </pre>
              <p className="text-xs text-slate-500">
                {e.sample.replyChars > e.sample.reply.length
                  ? `First ${e.sample.reply.length.toLocaleString()} of ${e.sample.replyChars.toLocaleString()} characters. `
                  : ""}
                {e.sample.detail}
                {e.sample.pairId && (
                  <>
                    {" "}
                    <Link
                      href={`/projects/${projectId}/pairs/${e.sample.pairId}`}
                      className="text-indigo-600 underline"
                    >
                      Open the pair
                    </Link>
                  </>
                )}
              </p>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
