import { Link } from "@/components/ui/link";
import type { ProjectSummary } from "@/lib/projects/types";
import { ProjectModes } from "./project-modes";

export interface ProjectListProps {
  projects: ProjectSummary[];
  isAdmin: boolean;
  /** Whether archived projects are listed; undefined hides the toggle. */
  showArchived?: boolean;
}

const count = (n: number, one: string) => `${n.toLocaleString("en")} ${one}${n === 1 ? "" : "s"}`;

export function ProjectList({ projects, isAdmin, showArchived }: ProjectListProps) {
  return (
    <section aria-label="Projects" className="space-y-3">
      {isAdmin && (
        <div className="flex items-center gap-4 text-sm">
          <Link
            href="/projects/new"
            className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-500"
          >
            New project
          </Link>
          {showArchived !== undefined && (
            <Link href={showArchived ? "/projects" : "/projects?archived=1"} className="text-indigo-600 underline">
              {showArchived ? "Hide archived" : "Show archived"}
            </Link>
          )}
        </div>
      )}
      {projects.length === 0 ? (
        <p className="text-sm text-slate-600">
          {isAdmin ? "No projects yet." : "You are not in any project yet. Ask an admin to add you to one."}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white">
          {projects.map((p) => (
            <li
              key={p.id}
              className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3"
              data-testid={`project-${p.name}`}
            >
              <Link
                id={`project-link-${p.id}`}
                href={`/projects/${p.id}`}
                className="font-medium text-indigo-700 hover:underline"
              >
                {p.name}
              </Link>
              <ProjectModes project={p} />
              <span className="ml-auto text-sm text-slate-600">
                {count(p.counts.prompts, "prompt")} · {count(p.counts.pairs, "pair")}
              </span>
              {!isAdmin && !p.archivedAt && (
                <Link
                  href={`/projects/${p.id}/annotate`}
                  aria-describedby={`project-link-${p.id}`}
                  className="rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                >
                  Start labelling
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
