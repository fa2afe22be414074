import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Link } from "@/components/ui/link";
import { LIMITS } from "@/lib/projects/schemas";
import type { ProjectSummary } from "@/lib/projects/types";
import { ProjectModes } from "./project-modes";

export interface ProjectListProps {
  projects: ProjectSummary[];
  isAdmin: boolean;
  /** Whether archived projects are listed; undefined hides the toggle. */
  showArchived?: boolean;
  /** The search the list is narrowed to; undefined hides the search box. */
  search?: string;
}

const count = (n: number, one: string) => `${n.toLocaleString("en")} ${one}${n === 1 ? "" : "s"}`;
// In UTC: the server renders it, and the same project must read the same wherever it is opened.
const day = (iso: string) =>
  new Date(iso).toLocaleDateString("en", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** The list's address with these options, so the search and the archived toggle keep each other. */
function listHref(showArchived: boolean | undefined, search: string | undefined) {
  const params = new URLSearchParams();
  if (showArchived) params.set("archived", "1");
  if (search) params.set("q", search);
  const query = params.toString();
  return query ? `/projects?${query}` : "/projects";
}

/** Narrows the list by name; a plain GET form, so the search is in the address and works without scripts. */
function ProjectSearch({ search, showArchived }: { search: string; showArchived?: boolean }) {
  return (
    <form role="search" action="/projects" className="flex flex-wrap items-end gap-2">
      <Field
        label="Search projects by name"
        type="search"
        name="q"
        defaultValue={search}
        maxLength={LIMITS.name}
        className="w-64"
      />
      {showArchived && <input type="hidden" name="archived" value="1" />}
      <Button type="submit" variant="secondary">
        Search
      </Button>
      {search && (
        <Link href={listHref(showArchived, undefined)} className="py-1.5 text-sm text-indigo-600 underline">
          Clear search
        </Link>
      )}
    </form>
  );
}

export function ProjectList({ projects, isAdmin, showArchived, search }: ProjectListProps) {
  return (
    <section aria-label="Projects" className="space-y-3">
      {search !== undefined && <ProjectSearch search={search} showArchived={showArchived} />}
      {isAdmin && (
        <div className="flex items-center gap-4 text-sm">
          <Link
            href="/projects/new"
            className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-500"
          >
            New project
          </Link>
          {showArchived !== undefined && (
            <Link href={listHref(!showArchived, search)} className="text-indigo-600 underline">
              {showArchived ? "Hide archived" : "Show archived"}
            </Link>
          )}
        </div>
      )}
      {projects.length === 0 ? (
        <p className="text-sm text-slate-600">
          {search
            ? `No project names match “${search}”.`
            : isAdmin
              ? "No projects yet."
              : "You are not in any project yet. Ask an admin to add you to one."}
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
              <span className="text-sm text-slate-600">
                Created <time dateTime={p.createdAt}>{day(p.createdAt)}</time>
                {p.createdBy && ` by ${p.createdBy.name || p.createdBy.email}`}
              </span>
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
