"use client";

import { Link } from "@/components/ui/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

interface ProjectTab {
  label: string;
  /** Below /projects/[id]; "" is the overview. */
  path: string;
  adminOnly?: boolean;
  /** Shown only in projects that take written answers. */
  writing?: boolean;
}

// One line per tab. Add a tab only once its page exists.
const tabs: ProjectTab[] = [
  { label: "Overview", path: "" },
  { label: "Annotate", path: "/annotate" },
  { label: "Documents", path: "/documents", adminOnly: true },
  { label: "Write", path: "/write", writing: true },
  { label: "Prompts", path: "/prompts", adminOnly: true },
  { label: "Generation", path: "/generation", adminOnly: true },
  { label: "Judging", path: "/judging", adminOnly: true },
  { label: "Pairs", path: "/pairs", adminOnly: true },
  { label: "Disagreements", path: "/disagreements", adminOnly: true },
  { label: "Metrics", path: "/metrics", adminOnly: true },
  { label: "Export", path: "/export", adminOnly: true },
  { label: "Settings", path: "/settings", adminOnly: true },
];

export interface ProjectTabsProps {
  projectId: string;
  isAdmin: boolean;
  takesWrittenAnswers: boolean;
}

export function ProjectTabs({ projectId, isAdmin, takesWrittenAnswers }: ProjectTabsProps) {
  const pathname = usePathname();
  const base = `/projects/${projectId}`;
  const isCurrent = (tab: ProjectTab) =>
    tab.path === "" ? pathname === base : pathname === base + tab.path || pathname.startsWith(`${base}${tab.path}/`);
  return (
    <nav aria-label="Project" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-x-4 text-sm">
        {tabs
          .filter((tab) => (isAdmin || !tab.adminOnly) && (takesWrittenAnswers || !tab.writing))
          .map((tab) => (
            <li key={tab.path}>
              <Link
                href={base + tab.path}
                aria-current={isCurrent(tab) ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-1 py-2",
                  isCurrent(tab)
                    ? "border-indigo-600 font-medium text-indigo-700"
                    : "border-transparent text-slate-600 hover:text-slate-900",
                )}
              >
                {tab.label}
              </Link>
            </li>
          ))}
      </ul>
    </nav>
  );
}
