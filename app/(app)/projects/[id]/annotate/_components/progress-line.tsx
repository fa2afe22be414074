import type { Progress } from "./types";

const n = (v: number) => v.toLocaleString("en");

export function ProgressLine({ progress, saving }: { progress?: Progress; saving: number }) {
  return (
    <p className="text-sm text-slate-600" data-testid="annotate-progress">
      {progress ? (
        <>
          today: <span className="font-medium tabular-nums">{n(progress.mineToday)}</span> · left for you:{" "}
          <span className="font-medium tabular-nums" data-testid="left-for-you">
            {n(progress.leftForYou)}
          </span>
          {/* Not given to annotators of a project with gold pairs (lib/annotation/progress.ts). */}
          {progress.projectDone !== null && progress.projectTotal !== null && (
            <>
              {" "}
              · project:{" "}
              <span className="font-medium tabular-nums">
                {n(progress.projectDone)}/{n(progress.projectTotal)}
              </span>
            </>
          )}
        </>
      ) : (
        "today: … · left for you: …"
      )}
      {saving > 0 && <span className="ml-2 text-slate-500">saving {saving}…</span>}
    </p>
  );
}
