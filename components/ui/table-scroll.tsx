import type { ReactNode } from "react";

/**
 * A table that may be wider than a narrow screen scrolls on its own, not the whole page (WCAG
 * 1.4.10, reflow); the scroll box takes focus, with the table's name, so arrow keys scroll it.
 */
export function TableScroll({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`max-w-full overflow-x-auto focus-visible:outline-2 focus-visible:outline-indigo-600 ${className ?? ""}`}
    >
      {children}
    </div>
  );
}
