"use client";

import type { ProjectMetrics } from "@/lib/metrics/types";
import { Bars } from "@/components/ui/bar-chart";
import { Figure } from "./figure";
import { count, percent, stat } from "./format";
import { Section } from "./section";

const decidedNote =
  "Decided pairs take their label the way export does: adjudication, then the vote majority, then the judge's agreed verdict (LLM judge and hybrid projects), then the implicit or imported label (implicit projects); ties and both bad are not decided.";

export function StrongWeakSection({ m }: { m: ProjectMetrics["strongWeak"] }) {
  const strong = m.strongWins;
  return (
    <Section
      title="Strong vs weak"
      description={`Decided pairs between a strong and a weak model's answer: how often the strong answer was chosen. ${decidedNote}`}
      empty={m.n === 0 && "No decided pair has a strong and a weak answer yet."}
    >
      <div className="grid gap-4 md:grid-cols-[auto_1fr]">
        <dl className="content-start">
          <Figure
            label="Strong answer chosen"
            value={percent(m.strongWinRate)}
            n={m.n}
            hint={`${count(strong)} strong, ${count(m.n - strong)} weak`}
          />
        </dl>
        <Bars
          data={[
            { name: "Strong chosen", value: strong },
            { name: "Weak chosen", value: m.n - strong },
          ]}
        />
      </div>
    </Section>
  );
}

export function LengthBiasSection({ m }: { m: ProjectMetrics["lengthBias"] }) {
  const bins = m.histogram.map((b) => ({ name: b.label, value: b.count }));
  return (
    <Section
      title="Length bias"
      description={`Whether the longer answer tends to be chosen (lengths in characters). ${decidedNote} The ratio leaves out pairs with an empty answer.`}
      empty={m.n === 0 && "No decided pair yet."}
    >
      <dl className="mb-4 grid grid-cols-2 gap-2 md:grid-cols-3">
        <Figure label="Chosen answer is longer" value={percent(m.longerChosenShare)} n={m.n} />
        <Figure label="Median length ratio (chosen / rejected)" value={stat(m.medianRatio, 2)} n={m.nRatio} />
      </dl>
      <h3 className="text-sm font-medium">log2(chosen length / rejected length)</h3>
      <p className="text-xs text-slate-600">
        Pairs per bin (0 means equal length, 1 twice as long):{" "}
        {bins
          .filter((b) => b.value)
          .map((b) => `${b.name}: ${b.value}`)
          .join("; ") || "none"}
        .
      </p>
      <Bars data={bins} height={200} />
    </Section>
  );
}
