import type { Progress } from "./types";

const n = (v: number) => v.toLocaleString("en");

export function ProgressLine({ progress, saving }: { progress?: Progress; saving: number }) {
  return (
    <p className="text-sm text-slate-600" data-testid="annotate-progress">
      {progress ? (
        <>
          today: <span className="font-medium tabular-nums">{n(progress.mineToday)}</span> · project:{" "}
          <span className="font-medium tabular-nums">
            {n(progress.projectDone)}/{n(progress.projectTotal)}
          </span>
        </>
      ) : (
        "today: … · project: …"
      )}
      {saving > 0 && <span className="ml-2 text-slate-500">saving {saving}…</span>}
    </p>
  );
}
