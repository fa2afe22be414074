"use client";

import type { ProjectMetrics } from "@/lib/metrics/types";
import { Figure } from "./figure";
import { count, percent } from "./format";
import { Section } from "./section";

/** Human-written answers against each model: the comparison teams most want to measure. */
export function HumanWinsSection({ m }: { m: ProjectMetrics["humanVsModel"] }) {
  return (
    <Section
      title="Human vs model"
      description="Decided pairs of an answer written on the Write tab against a model's answer: how often the human answer was chosen, per model. Ties and both bad are not decided; pairs of two human answers are left out."
      empty={m.length === 0 && "No decided pair has a human and a model answer yet."}
    >
      <dl className="grid grid-cols-2 gap-2 md:grid-cols-3" data-testid="human-vs-model">
        {m.map((r) => (
          <Figure
            key={r.opponent}
            label={`Human chosen over ${r.opponent}`}
            value={percent(r.humanWinRate)}
            n={r.n}
            hint={`${count(r.humanWins)} human, ${count(r.n - r.humanWins)} ${r.opponent}`}
          />
        ))}
      </dl>
    </Section>
  );
}
