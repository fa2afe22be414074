import { ConflictError } from "@/lib/errors";

// An archived project keeps everything it has and takes no new work: no runs, imports, uploads or
// items sent to it; its runs under way were paused when it was archived and stay paused.

/**
 * Refuses `action` (what the caller was about to do: "generate", "import into it") on an archived
 * project; `which` names it when it is not the one the request is about.
 */
export function refuseWhenArchived(project: { archivedAt: Date | null }, action: string, which = "This project"): void {
  if (project.archivedAt) throw new ConflictError("archived", `${which} is archived; unarchive it to ${action}`);
}
