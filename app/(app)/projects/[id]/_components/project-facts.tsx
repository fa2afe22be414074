import {
  evaluationModeHints,
  evaluationModeLabels,
  generationModeHints,
  generationModeLabels,
} from "@/lib/projects/labels";
import type { ProjectDetail } from "@/lib/projects/types";

export interface ProjectFactsProps {
  project: ProjectDetail;
}

/** The overview's side panel: how the project works and how much it holds. */
export function ProjectFacts({ project }: ProjectFactsProps) {
  const facts: [string, string, string?][] = [
    ["Generation", generationModeLabels[project.generationMode], generationModeHints[project.generationMode]],
    ["Evaluation", evaluationModeLabels[project.evaluationMode], evaluationModeHints[project.evaluationMode]],
    ...(project.generationMode === "MULTI_SAMPLE"
      ? ([
          ["Samples per endpoint and prompt", String(project.samplesPerPrompt)],
          ["Most pairs per prompt", String(project.maxPairsPerPrompt)],
        ] as [string, string][])
      : []),
    ["Votes per pair", String(project.overlap)],
    ["Flawed candidates in pairs", project.allowFlawedInPairs ? "Allowed" : "Left out"],
    ["Prompts", project.counts.prompts.toLocaleString("en")],
    ["Candidates", project.counts.candidates.toLocaleString("en")],
    ["Pairs", project.counts.pairs.toLocaleString("en")],
  ];
  return (
    <aside aria-label="Project facts" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <dl className="space-y-3">
        {facts.map(([term, value, hint]) => (
          <div key={term}>
            <dt className="text-slate-500">{term}</dt>
            <dd className="font-medium">{value}</dd>
            {hint && <dd className="text-xs text-slate-500">{hint}</dd>}
          </div>
        ))}
      </dl>
    </aside>
  );
}
