import { Button } from "@/components/ui/button";
import { Link } from "@/components/ui/link";
import type { Progress } from "./types";

export interface NothingLeftProps {
  progress?: Progress;
  onCheckAgain: () => void;
}

export function NothingLeft({ progress, onCheckAgain }: NothingLeftProps) {
  return (
    <section
      aria-labelledby="nothing-left"
      className="rounded-lg border border-slate-200 bg-white px-6 py-10 text-center"
    >
      <h2 id="nothing-left" className="text-lg font-semibold">
        Nothing left to label in this project
      </h2>
      {progress && (
        <p className="mt-2 text-slate-700" data-testid="annotate-totals">
          You labelled {progress.mineTotal.toLocaleString("en")} {progress.mineTotal === 1 ? "pair" : "pairs"} in total,{" "}
          {progress.mineToday.toLocaleString("en")} today.
          {progress.projectDone !== null &&
            progress.projectTotal !== null &&
            ` The project has ${progress.projectDone.toLocaleString("en")} of ${progress.projectTotal.toLocaleString("en")} done.`}
        </p>
      )}
      {progress && progress.heldByOthers > 0 && (
        <p className="mt-1 text-sm text-slate-500">
          {progress.heldByOthers.toLocaleString("en")} {progress.heldByOthers === 1 ? "pair is" : "pairs are"} held by
          other annotators now; any they leave unlabelled comes back when their hold ends.
        </p>
      )}
      <Button variant="secondary" className="mt-4" onClick={onCheckAgain}>
        Check again
      </Button>
    </section>
  );
}

/** The project stopped letting this person label while the page was open. */
export function ProjectClosed() {
  return (
    <section
      aria-labelledby="project-closed"
      data-testid="project-closed"
      className="rounded-lg border border-amber-300 bg-amber-50 px-6 py-10 text-center"
    >
      {/* Announced as it appears: the pair the annotator was on is gone from the page. */}
      <div role="alert">
        <h2 id="project-closed" className="text-lg font-semibold">
          This project is no longer open to you
        </h2>
        <p className="mt-2 text-slate-700">
          An admin removed you from it, or archived it. The votes the page said were saved are kept; pairs shown after
          that cannot be labelled here.
        </p>
      </div>
      <Link href="/projects" className="mt-4 inline-block text-indigo-600 underline">
        Your projects
      </Link>
    </section>
  );
}
