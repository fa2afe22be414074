import { Link } from "@/components/ui/link";
import { offersKeptItems } from "@/lib/document-runs/offers-items";
import type { RunProgress } from "@/lib/jobs/progress";
import { UsePrompts, type UsePromptsProps } from "./use-prompts";

export interface KeptItemsActionsProps {
  projectId: string;
  run: RunProgress;
  projects: UsePromptsProps["projects"];
}

/** What a finished instruction run's kept items can become: SFT data, or another project's prompts. */
export function KeptItemsActions({ projectId, run, projects }: KeptItemsActionsProps) {
  if (!offersKeptItems(run)) return null;
  return (
    <>
      {/* The Export page, set to this run's items: a snapshot with its card, JSONL or Parquet, split as asked. */}
      <Link
        href={`/projects/${projectId}/export?run=${encodeURIComponent(run.id)}`}
        className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        Export as SFT data
      </Link>
      <UsePrompts projectId={projectId} runId={run.id} projects={projects} />
    </>
  );
}
