import { Badge } from "@/components/ui/badge";
import { evaluationModeLabels, generationModeLabels } from "@/lib/projects/labels";
import type { ProjectView } from "@/lib/projects/types";

export interface ProjectModesProps {
  project: Pick<ProjectView, "generationMode" | "evaluationMode" | "archivedAt">;
}

/** How candidates are made and decided, plus the archived flag: the same everywhere a project is named. */
export function ProjectModes({ project }: ProjectModesProps) {
  return (
    <span className="inline-flex flex-wrap gap-1.5">
      <Badge tone="indigo">{generationModeLabels[project.generationMode]}</Badge>
      <Badge>{evaluationModeLabels[project.evaluationMode]} evaluation</Badge>
      {project.archivedAt && <Badge tone="amber">Archived</Badge>}
    </span>
  );
}
