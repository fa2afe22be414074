import { documentRunModeLabels } from "@/lib/document-runs/settings";
import type { RunProgress } from "@/lib/jobs/progress";
import type { RunEndpoint } from "@/lib/jobs/run-setup";
import { generationModeLabels } from "@/lib/projects/labels";

// What an endpoint did in a run: its task role, named for the run's kind (a document run's chunk
// tasks are STRONG and its rejected-answer tasks WEAK).
function roleLabel(kind: RunProgress["kind"], role: RunEndpoint["role"]): string {
  if (kind === "DOC_INSTRUCTIONS" || kind === "DOC_PREFERENCES")
    return role === "WEAK" ? "Rejected answers" : "Generator";
  return { STRONG: "Strong", WEAK: "Weak", SAMPLER: "Sampler", JUDGE: "Judge" }[role];
}

/** A run's mode, endpoints and settings as recorded for it, so runs can be told apart. */
export function RunSetupView({ run }: { run: RunProgress }) {
  const { endpoints, generationMode, document } = run.setup;
  const items: [string, string][] = [];
  const mode =
    run.kind === "GENERATION"
      ? generationMode && generationModeLabels[generationMode]
      : run.kind === "DOC_INSTRUCTIONS"
        ? documentRunModeLabels.INSTRUCTIONS
        : run.kind === "DOC_PREFERENCES"
          ? documentRunModeLabels.PREFERENCES
          : null;
  if (mode) items.push(["Mode", mode]);
  const byRole = new Map<string, string[]>();
  for (const e of endpoints) {
    const label = roleLabel(run.kind, e.role);
    byRole.set(label, [...(byRole.get(label) ?? []), e.name ?? "a deleted endpoint"]);
  }
  for (const [label, names] of byRole) items.push([label, names.join(", ")]);
  if (document) items.push(["Items per chunk", String(document.itemsPerChunk)]);
  if (!items.length) return null;
  return (
    <div className="mb-3 text-sm" data-testid="run-setup">
      <dl className="flex flex-wrap gap-x-6 gap-y-1">
        {items.map(([k, v]) => (
          <div key={k} className="flex gap-1.5">
            <dt className="text-slate-500">{k}</dt>
            <dd className="font-medium">{v}</dd>
          </div>
        ))}
      </dl>
      {document && (
        <details className="mt-1">
          <summary className="cursor-pointer text-slate-600">
            {document.checks.length ? `Checks (${document.checks.length})` : "No checks"}
          </summary>
          {document.checks.length > 0 && (
            <ul className="mt-1 list-disc pl-5 text-slate-700">
              {document.checks.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
        </details>
      )}
    </div>
  );
}
