import type { ReactNode } from "react";

export interface SectionProps {
  title: string;
  description: string;
  /** Shown instead of the content when the section has nothing to show. */
  empty?: string | false;
  children: ReactNode;
}

export function Section({ title, description, empty, children }: SectionProps) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-slate-50 p-4">
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="mb-3 text-sm text-slate-600">{description}</p>
      {empty ? <p className="text-sm text-slate-600">{empty}</p> : children}
    </section>
  );
}
