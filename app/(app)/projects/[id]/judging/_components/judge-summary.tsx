import { Link } from "@/components/ui/link";
import { panelRule } from "@/lib/judging/panel";
import { DEFAULT_RUBRIC } from "@/lib/judging/rubric";
import type { EndpointRef, ProjectView } from "@/lib/projects/types";
import { clip } from "@/lib/clip";

export interface JudgeSummaryProps {
  project: ProjectView;
  /** One judge, or a panel of up to three. */
  judges: EndpointRef[];
}

const endpointName = (j: EndpointRef) => `${j.name} (${j.modelId})${j.archived ? " — archived" : ""}`;

function modeRules(p: ProjectView): string {
  if (p.evaluationMode === "LLM_JUDGE") {
    return p.uncertainToHumans
      ? "LLM judge: the judge decides. Pairs whose two orders disagree, or that it fails to judge, go to annotators."
      : "LLM judge: the judge decides. Pairs whose two orders disagree, or that it fails to judge, are left out of the export.";
  }
  if (p.evaluationMode === "HYBRID") {
    return (
      `Hybrid: the judge first. Annotators get the pairs whose orders disagree or that failed, those with a score margin under ` +
      `${p.confidenceThreshold} points, and ${Math.round(p.auditShare * 100)}% of the rest as an audit. A human label always wins.`
    );
  }
  return "This project's evaluation mode uses no judge. Choose LLM judge or Hybrid in the settings to judge its pairs.";
}

/** The judge setup in brief: which endpoint (or panel), what it weighs, and what happens to its verdicts. */
export function JudgeSummary({ project, judges }: JudgeSummaryProps) {
  const panel = judges.length > 1;
  const rubric = project.judgeRubric ?? DEFAULT_RUBRIC;
  const excerpt = rubric.length > 240 ? `${clip(rubric, 240).trimEnd()}…` : rubric;
  return (
    <section aria-labelledby="judge-setup-heading" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="judge-setup-heading" className="mb-3 text-lg font-semibold">
        Judge
      </h2>
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[10rem_1fr]">
        <dt className="text-slate-500">{panel ? `Panel of ${judges.length} judges` : "Endpoint"}</dt>
        {panel ? (
          <dd data-testid="judge-endpoint">
            <ul>
              {judges.map((j) => (
                <li key={j.id}>{endpointName(j)}</li>
              ))}
            </ul>
          </dd>
        ) : (
          <dd data-testid="judge-endpoint">{judges[0] ? endpointName(judges[0]) : "None chosen"}</dd>
        )}
        <dt className="text-slate-500">Rubric{project.judgeRubric ? "" : " (default)"}</dt>
        <dd className="whitespace-pre-line text-slate-700">{excerpt}</dd>
        <dt className="text-slate-500">Rules</dt>
        <dd>{modeRules(project)}</dd>
        <dt className="text-slate-500">Position bias</dt>
        <dd>
          Every pair is judged twice, the second time with the answers swapped; only a verdict both orders agree on
          stands.
        </dd>
        {panel && (
          <>
            <dt className="text-slate-500">Majority rule</dt>
            <dd data-testid="panel-rule">
              Each judge judges every pair in both orders; {panelRule(judges.length)}. Otherwise the pair is uncertain,
              or failed when too many judges failed for a majority.
            </dd>
          </>
        )}
      </dl>
      <p className="mt-3">
        <Link href={`/projects/${project.id}/settings`} className="text-indigo-600 underline">
          Change the judge in the settings
        </Link>
      </p>
    </section>
  );
}
