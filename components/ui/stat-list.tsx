import { cn } from "@/lib/cn";

export interface StatListProps {
  items: readonly (readonly [label: string, value: string | number])[];
  className?: string;
  "data-testid"?: string;
}

/** Labelled figures in a grid (run counts, verdict counts): a description list for screen readers. */
export function StatList({ items, className, ...rest }: StatListProps) {
  return (
    <dl className={cn("grid gap-x-6 gap-y-1 text-sm", className)} {...rest}>
      {items.map(([k, v]) => (
        <div key={k}>
          <dt className="text-slate-500">{k}</dt>
          <dd className="font-medium tabular-nums">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
