import { count } from "./format";

export interface FigureProps {
  label: string;
  value: string;
  /** How many pairs (or judgments) the figure rests on. */
  n: number;
  unit?: string;
  /** Shown under the figure when it has no value. */
  reason?: string;
  hint?: string;
}

/** One number, always with what it rests on, so a 100% on 2 pairs is not read as a 100% on 2,000. */
export function Figure({ label, value, n, unit = "pairs", reason, hint }: FigureProps) {
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums">{value}</dd>
      <dd className="text-xs text-slate-500">
        n = {count(n)} {unit}
      </dd>
      {reason && value === "—" && <dd className="text-xs text-slate-500">{reason}</dd>}
      {hint && <dd className="text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}
