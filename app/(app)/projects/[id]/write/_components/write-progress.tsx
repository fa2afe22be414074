import { Button } from "@/components/ui/button";
import type { WriteProgress } from "@/lib/writing/schemas";

const n = (v: number) => v.toLocaleString("en");

export function WriteProgressLine({ progress }: { progress?: WriteProgress }) {
  return (
    <p className="text-sm text-slate-600" data-testid="write-progress">
      {progress ? (
        <>
          left for you: <span className="font-medium tabular-nums">{n(progress.leftForYou)}</span> · yours:{" "}
          <span className="font-medium tabular-nums">{n(progress.mineTotal)}</span> · project:{" "}
          <span className="font-medium tabular-nums">
            {n(progress.projectWritten)}/{n(progress.projectWanted)}
          </span>{" "}
          answers
        </>
      ) : (
        "left for you: … · project: …"
      )}
    </p>
  );
}

export interface WriteNothingLeftProps {
  progress?: WriteProgress;
  onCheckAgain: () => void;
}

export function WriteNothingLeft({ progress, onCheckAgain }: WriteNothingLeftProps) {
  return (
    <section
      aria-labelledby="write-nothing-left"
      className="rounded-lg border border-slate-200 bg-white px-6 py-10 text-center"
    >
      <h2 id="write-nothing-left" className="text-lg font-semibold">
        Nothing left to write in this project
      </h2>
      {progress && (
        <p className="mt-2 text-slate-700" data-testid="write-totals">
          You wrote {n(progress.mineTotal)} {progress.mineTotal === 1 ? "answer" : "answers"}. The project has{" "}
          {n(progress.projectWritten)} of {n(progress.projectWanted)} answers.
        </p>
      )}
      {progress && progress.heldByOthers > 0 && (
        <p className="mt-1 text-sm text-slate-500">
          {n(progress.heldByOthers)} {progress.heldByOthers === 1 ? "prompt is" : "prompts are"} held by other writers
          now; any they leave unanswered comes back when their hold ends.
        </p>
      )}
      <Button variant="secondary" className="mt-4" onClick={onCheckAgain}>
        Check again
      </Button>
    </section>
  );
}
