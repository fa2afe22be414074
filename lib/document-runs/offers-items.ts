import type { RunProgress } from "@/lib/jobs/progress";

/**
 * Whether a document run's card offers its kept items ("Export as SFT data", "Use as prompts"):
 * an instruction run that is over, completed or cancelled, with items kept. A cancelled run's
 * kept items passed every check as a completed run's did; the export and the import take them
 * alike (the export's card says the run was cancelled). A run still going is left alone until it
 * ends, and one with nothing kept has nothing to give. Client-safe.
 */
export function offersKeptItems(run: Pick<RunProgress, "kind" | "status" | "docItems">): boolean {
  return (
    run.kind === "DOC_INSTRUCTIONS" &&
    (run.status === "COMPLETED" || run.status === "CANCELLED") &&
    (run.docItems?.kept ?? 0) > 0
  );
}
