"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { SaveRow } from "@/components/ui/save-row";
import { CheckboxField, Field } from "@/components/ui/field";
import { apiFetch, fieldMessage } from "@/lib/api/client";
import { withExpected } from "@/lib/projects/expected";
import type { UpdateProjectInput } from "@/lib/projects/schemas";
import type { ProjectView } from "@/lib/projects/types";
import { trustRuleText } from "@/lib/trust/rule";

// Percentages on screen, fractions stored: rounded to a tenth of a percent both ways.
const toPercent = (x: number) => Math.round(x * 1000) / 10;
const fromPercent = (v: FormDataEntryValue | null) => Math.round(Number(v) * 10) / 1000;

function readForm(form: HTMLFormElement): UpdateProjectInput {
  const data = new FormData(form);
  return {
    goldRate: fromPercent(data.get("goldRate")),
    trustMinAccuracy: data.get("trustOn") === "on" ? fromPercent(data.get("trustMinAccuracy")) : null,
    trustMinGold: Number(data.get("trustMinGold")),
  };
}

/** How often gold pairs are served, and the rule that leaves out the votes of inaccurate annotators. */
export function GoldPanel({ project }: { project: ProjectView }) {
  const router = useRouter();
  const [trustOn, setTrustOn] = useState(project.trustMinAccuracy !== null);
  // What the form was loaded with (then: last saved with), sent with each save (see ProjectForm).
  const [loaded, setLoaded] = useState(project);
  const save = useMutation({
    mutationFn: (settings: UpdateProjectInput) =>
      apiFetch<{ project: ProjectView }>(`/api/projects/${project.id}`, {
        method: "PATCH",
        json: withExpected(settings, loaded),
      }),
    onSuccess: ({ project: saved }) => {
      setLoaded(saved);
      router.refresh();
    },
  });
  const fieldError = (name: string) => fieldMessage(save.error, name);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(readForm(event.currentTarget));
  }
  return (
    <section aria-labelledby="gold-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="gold-heading" className="mb-1 text-lg font-semibold">
        Gold pairs and trust
      </h2>
      <p className="mb-3 text-sm text-slate-600">
        Gold pairs (marked on the pair page, or in a pair import) have a known answer. Each annotator answers each one
        once, served among their other pairs and looking just like them; they are never part of the dataset.
      </p>
      <form onSubmit={onSubmit} aria-label="Gold pairs and trust" noValidate className="space-y-4">
        <Field
          label="Gold pairs among an annotator's items (%, 0 serves none)"
          name="goldRate"
          type="number"
          min={0}
          max={50}
          step={0.1}
          defaultValue={toPercent(project.goldRate)}
          error={fieldError("goldRate")}
        />
        <CheckboxField
          label="Leave out the votes of annotators with low gold accuracy"
          hint="Their votes stay stored and shown on the pair page, but count in no majority, metric or export while they are below the rule; they count again when the annotator's accuracy recovers."
          name="trustOn"
          checked={trustOn}
          onChange={(e) => setTrustOn(e.currentTarget.checked)}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Below this gold accuracy (%)"
            name="trustMinAccuracy"
            type="number"
            min={0.1}
            max={100}
            step={0.1}
            disabled={!trustOn}
            defaultValue={toPercent(project.trustMinAccuracy ?? 0.7)}
            error={fieldError("trustMinAccuracy")}
          />
          <Field
            label="With at least this many gold answers"
            name="trustMinGold"
            type="number"
            min={1}
            max={10000}
            step={1}
            defaultValue={project.trustMinGold}
            error={fieldError("trustMinGold")}
          />
        </div>
        <p className="text-sm text-slate-700" data-testid="trust-rule">
          {trustRuleText({ minAccuracy: project.trustMinAccuracy, minGold: project.trustMinGold })}
        </p>
        <SaveRow label={"Save gold settings"} pending={save.isPending} saved={save.isSuccess} error={save.error} />
      </form>
    </section>
  );
}
