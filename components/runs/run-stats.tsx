import { StatList } from "@/components/ui/stat-list";
import type { RunProgress } from "@/lib/jobs/progress";

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${seconds % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function RunStats({ run }: { run: RunProgress }) {
  const items: [string, string][] = [
    ["Done", String(run.counts.done)],
    ["Failed", String(run.counts.failed)],
    ["Pending", String(run.counts.pending + run.counts.running)],
    ["Cancelled", String(run.counts.cancelled)],
    ["Tokens in / out", `${run.tokens.input.toLocaleString()} / ${run.tokens.output.toLocaleString()}`],
    ["Cost", `$${run.costUsd.toFixed(4)}`],
    ["Throughput", run.throughput ? `${run.throughput.toFixed(1)} / s` : "–"],
    run.durationSeconds !== null
      ? ["Took", duration(run.durationSeconds)]
      : ["ETA", run.etaSeconds !== null ? duration(run.etaSeconds) : run.status === "RUNNING" ? "estimating…" : "–"],
    ["Retried", String(run.retried)],
  ];
  return <StatList items={items} className="mt-3 grid-cols-3 sm:grid-cols-5" data-testid="run-stats" />;
}
