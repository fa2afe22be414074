"use client";

import { Bars } from "@/components/ui/bar-chart";
import { Link } from "@/components/ui/link";
import { niceScale, stepDecimals } from "@/components/ui/chart-scale";
import { StatList } from "@/components/ui/stat-list";
import type { ProjectDashboard } from "@/lib/dashboard/types";

export interface DashboardViewProps {
  projectId: string;
  dashboard: ProjectDashboard;
  recentVotes: number;
}

const n = (v: number) => v.toLocaleString("en-US");
// To the hundredth of a cent, as the run cards show it: a day's cost is often a few cents.
const usd = (v: number) => `$${v.toFixed(4)}`;
// Axis labels as precise as their step: $0.005 apart needs three decimals, $250 apart none.
const usdTick = (step: number) => {
  const d = stepDecimals(step);
  return (v: number) => (v === 0 ? "$0" : `$${v.toFixed(d === 0 ? 0 : Math.max(2, d))}`);
};
const seconds = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(1)} s`);
const short = (day: string) => day.slice(5);

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="mb-2 font-semibold">{title}</h3>
      {children}
    </section>
  );
}

/** Each chart's numbers in a table, which is what screen readers get (the chart is hidden from them). */
function Numbers({ head, rows }: { head: string[]; rows: (string | number)[][] }) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-slate-600">Numbers</summary>
      <table className="mt-1 w-full text-left tabular-nums">
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="font-medium text-slate-600">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={String(r[0])}>
              {r.map((c, i) => (
                <td key={i}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The overview's dashboard: votes per day, annotators' throughput and pace, work left, model cost. */
export function DashboardView({ projectId, dashboard: d, recentVotes }: DashboardViewProps) {
  const total = d.votesPerDay.reduce((s, x) => s + x.votes, 0);
  const cost = niceScale(Math.max(0, ...d.costPerDay.flatMap((c) => [c.generation, c.judging, c.documents])));
  return (
    <section aria-labelledby="dashboard-heading" className="space-y-4" data-testid="dashboard">
      <h2 id="dashboard-heading" className="text-lg font-semibold">
        Dashboard
      </h2>
      <Panel title="Remaining work">
        {d.remaining.votesOptional && (
          <p className="mb-2 text-sm text-slate-600" data-testid="dashboard-votes-optional">
            Implicit labels: every pair is exported with its label as it is. Votes are an optional review, and a
            pair&apos;s votes, once it has them, decide its label instead.
          </p>
        )}
        {d.remaining.pairsAwaitingJudge > 0 && (
          <p className="mb-2 text-sm text-slate-700" data-testid="dashboard-judging-needed">
            {d.remaining.pairsAwaitingJudge === 1
              ? "1 pair has not been judged yet"
              : `${n(d.remaining.pairsAwaitingJudge)} pairs have not been judged yet`}
            : start a judging run on the{" "}
            <Link href={`/projects/${projectId}/judging`} className="text-indigo-600 underline">
              Judging page
            </Link>
            .
          </p>
        )}
        <StatList
          className="grid-cols-2 sm:grid-cols-4"
          data-testid="dashboard-remaining"
          items={[
            [
              d.remaining.votesOptional ? "Pairs not reviewed" : "Pairs needing votes",
              n(d.remaining.pairsNeedingVotes),
            ],
            [d.remaining.votesOptional ? "Votes for a full review" : "Votes needed", n(d.remaining.votesNeeded)],
            ["Model tasks pending", n(d.remaining.pendingTasks)],
            ["Model tasks running", n(d.remaining.runningTasks)],
          ]}
        />
      </Panel>
      <Panel title={`Votes per day (last ${d.votesPerDay.length} days: ${n(total)})`}>
        <Bars data={d.votesPerDay.map((x) => ({ name: short(x.day), value: x.votes }))} format={n} maxLabels={6} />
        <Numbers head={["Day", "Votes"]} rows={d.votesPerDay.filter((x) => x.votes).map((x) => [x.day, n(x.votes)])} />
      </Panel>
      <Panel title="Annotators">
        {d.annotators.length === 0 ? (
          <p className="text-sm text-slate-600">No votes yet.</p>
        ) : (
          <>
            <Bars
              data={d.annotators.map((a) => ({ name: a.email.split("@")[0]!, value: a.votes }))}
              format={n}
              height={160}
            />
            <table className="mt-2 w-full text-left text-sm tabular-nums" data-testid="dashboard-annotators">
              <thead>
                <tr className="text-slate-600">
                  <th scope="col" className="font-medium">
                    Annotator
                  </th>
                  <th scope="col" className="font-medium">
                    Votes
                  </th>
                  <th scope="col" className="font-medium">
                    Last 7 days
                  </th>
                  <th scope="col" className="font-medium">
                    Per active day
                  </th>
                  <th scope="col" className="font-medium">
                    Median time per item
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.annotators.map((a) => (
                  <tr key={a.userId}>
                    <td>{a.email}</td>
                    <td>{n(a.votes)}</td>
                    <td>{n(a.lastWeek)}</td>
                    <td>{a.activeDays ? n(Math.round(a.votes / a.activeDays)) : "—"}</td>
                    <td>
                      {seconds(a.medianMs)}{" "}
                      <span className="text-xs text-slate-500">(last {n(Math.min(a.medianOf, recentVotes))})</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Panel>
      <Panel title="Model cost per day">
        {d.costPerDay.length === 0 ? (
          <p className="text-sm text-slate-600">No model cost recorded yet.</p>
        ) : (
          <>
            <Bars
              data={d.costPerDay.map((c) => ({
                name: short(c.day),
                generation: c.generation,
                judging: c.judging,
                documents: c.documents,
              }))}
              series={[
                { key: "generation", label: "Generation", color: "#4f46e5" },
                { key: "judging", label: "Judging", color: "#0d9488" },
                { key: "documents", label: "Documents", color: "#d97706" },
              ]}
              domain={[0, cost.max]}
              ticks={cost.ticks}
              format={usd}
              tickFormat={usdTick(cost.step)}
            />
            <Numbers
              head={["Day", "Generation", "Judging", "Documents"]}
              rows={d.costPerDay.map((c) => [c.day, usd(c.generation), usd(c.judging), usd(c.documents)])}
            />
          </>
        )}
      </Panel>
    </section>
  );
}
