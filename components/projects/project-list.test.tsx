import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ProjectSummary } from "@/lib/projects/types";
import { ProjectList } from "./project-list";

const project = (id: string, createdBy: ProjectSummary["createdBy"]): ProjectSummary => ({
  id,
  name: "Orca pairs",
  generationMode: "STRONG_WEAK",
  evaluationMode: "HUMAN",
  archivedAt: null,
  createdAt: "2026-03-10T23:30:00.000Z",
  createdBy,
  counts: { prompts: 3, pairs: 2 },
});

describe("ProjectList", () => {
  it("tells projects of the same name apart by when and by whom they were made", () => {
    const out = renderToStaticMarkup(
      <ProjectList
        isAdmin
        projects={[
          project("a", { name: "Ada", email: "ada@x.test" }),
          project("b", { name: null, email: "bo@x.test" }),
        ]}
      />,
    );
    expect(out).toContain('Created <time dateTime="2026-03-10T23:30:00.000Z">Mar 10, 2026</time> by Ada');
    expect(out).toContain("by bo@x.test");
  });

  it("offers a labelled search by name that keeps the archived toggle, and says when nothing matches", () => {
    const out = renderToStaticMarkup(<ProjectList isAdmin showArchived search="orca" projects={[]} />);
    const label = /<label for="([^"]+)"[^>]*>Search projects by name<\/label>/.exec(out);
    expect(label).not.toBeNull();
    expect(out).toMatch(new RegExp(`<input id="${label![1]}"[^>]*type="search"[^>]*name="q" value="orca"`));
    expect(out).toContain('<input type="hidden" name="archived" value="1"/>');
    expect(out).toContain('href="/projects?q=orca">Hide archived');
    expect(out).toContain("No project names match “orca”.");
  });

  it("has no search box where no search is offered (the home page)", () => {
    expect(renderToStaticMarkup(<ProjectList isAdmin={false} projects={[]} />)).not.toContain('role="search"');
  });
});
