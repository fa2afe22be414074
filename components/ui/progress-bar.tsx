export interface ProgressBarProps {
  /** 0 to 100. */
  value: number;
  label: string;
}

export function ProgressBar({ value, label }: ProgressBarProps) {
  const v = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div>
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={v}
        aria-label={label}
        className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-indigo-600 transition-[width] duration-500" style={{ width: `${v}%` }} />
      </div>
      <p className="mt-1 text-sm text-slate-600">
        <span className="font-medium tabular-nums">{v}%</span> · {label}
      </p>
    </div>
  );
}
