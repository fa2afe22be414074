"use client";

import type { ProjectMetrics } from "@/lib/metrics/types";
import { Bars } from "@/components/ui/bar-chart";
import { Link } from "@/components/ui/link";
import { ConfusionTable } from "./confusion-table";
import { Figure } from "./figure";
import { count, percent, stat } from "./format";
import { Section } from "./section";

export function JudgeHumanSection({ m, pairsHref }: { m: ProjectMetrics["judgeHuman"]; pairsHref: string }) {
  const labels = m.confusion.labels;
  // Marginals: how often each side gave each label, on the same pairs.
  const data = labels.map((l, i) => ({
    name: l === "TIE" ? "Tie" : l,
    human: m.confusion.counts[i]!.reduce((s, x) => s + x, 0),
    judge: m.confusion.counts.reduce((s, row) => s + row[i]!, 0),
  }));
  return (
    <Section
      title="Judge vs human"
      description={`Pairs with both a human label (adjudication or vote majority) and an agreed judge verdict, over A, B and tie. Pairs humans called "both bad" are left out (${count(m.bothBadExcluded)}): the judge has no such verdict. So are pairs whose votes split evenly with no adjudication (${count(m.splitExcluded)}): a split is not a tie.`}
      empty={m.n === 0 && "No pair has both a human and a judge label yet."}
    >
      <div className="grid gap-4 md:grid-cols-[auto_1fr]">
        <div className="space-y-3">
          <dl className="grid grid-cols-2 gap-2">
            <Figure label="Accuracy (judge = human)" value={percent(m.accuracy)} n={m.n} />
            <Figure label="Cohen's kappa" value={stat(m.kappa)} n={m.n} reason={m.kappaReason} />
          </dl>
          <ConfusionTable confusion={m.confusion} />
          {m.accuracy !== null && m.accuracy < 1 && (
            <Link href={pairsHref} className="block text-sm text-indigo-600 underline">
              The pairs where the judge&apos;s verdict differs from the people&apos;s
            </Link>
          )}
        </div>
        <div>
          <p className="text-xs text-slate-600">
            Labels given on these pairs (human, judge): {data.map((d) => `${d.name} ${d.human}, ${d.judge}`).join("; ")}
            .
          </p>
          <Bars
            data={data}
            series={[
              { key: "human", label: "Human", color: "#0f766e" },
              { key: "judge", label: "Judge", color: "#4f46e5" },
            ]}
          />
        </div>
      </div>
    </Section>
  );
}

export function PositionBiasSection({ m }: { m: ProjectMetrics["positionBias"] }) {
  const data = [
    { name: "Verdict flips with order", value: m.inconsistentShare },
    { name: "First-shown answer wins", value: m.firstPositionWinShare },
  ].filter((d): d is { name: string; value: number } => d.value !== null);
  return (
    <Section
      title="Position bias"
      description="Each pair is judged twice, the second time with the answers swapped. An unbiased judge keeps its verdict when the order changes, and the answer shown first wins about half the time (dashed line)."
      empty={m.n === 0 && m.nJudgments === 0 && "No judgments yet."}
    >
      <div className="grid gap-4 md:grid-cols-[auto_1fr]">
        <dl className="grid grid-cols-2 content-start gap-2">
          <Figure
            label="Verdict changed with the order"
            value={percent(m.inconsistentShare)}
            n={m.n}
            unit="judge verdicts"
            hint="one per pair and judge of the current panel, both orders OK"
          />
          <Figure
            label="Won by the answer shown first"
            value={percent(m.firstPositionWinShare)}
            n={m.nJudgments}
            unit="judgments"
            hint="judgments of the current panel naming a winner"
          />
        </dl>
        <Bars data={data} domain={[0, 1]} format={percent} reference={0.5} />
      </div>
    </Section>
  );
}

/** Pairs the judge could not decide, by cause: the two are fixed differently (a rubric or a parser, against a biased judge). */
export function JudgeUndecidedSection({ m }: { m: ProjectMetrics["judgeVerdicts"] }) {
  const share = (k: number) => (m.judged ? ` (${percent(k / m.judged)})` : "");
  return (
    <Section
      title="Pairs the judge could not decide"
      description="Of the pairs with a verdict of the current panel (judged in both orders by each of its judges): uncertain when the orders, or the judges, disagreed; judge failed when no usable verdict came (re-judge them from the Judging page)."
      empty={m.judged === 0 && "No pair has been judged in both orders yet."}
    >
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3" data-testid="judge-undecided">
        <Figure
          label="Uncertain: orders disagreed"
          value={`${count(m.uncertain)}${share(m.uncertain)}`}
          n={m.judged}
          hint="pairs with a verdict"
        />
        <Figure
          label="Judge failed: no usable verdict"
          value={`${count(m.failed)}${share(m.failed)}`}
          n={m.judged}
          hint="pairs with a verdict"
        />
      </dl>
    </Section>
  );
}
