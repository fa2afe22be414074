import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ProjectDashboard } from "@/lib/dashboard/types";
import { DashboardView } from "./dashboard-view";

const dashboard = (votesOptional: boolean): ProjectDashboard => ({
  votesPerDay: [{ day: "2026-03-10", votes: 0 }],
  annotators: [],
  remaining: { votesOptional, pairsNeedingVotes: 72, votesNeeded: 72, pendingTasks: 0, runningTasks: 0 },
  costPerDay: [],
});
const html = (votesOptional: boolean) =>
  renderToStaticMarkup(<DashboardView dashboard={dashboard(votesOptional)} recentVotes={500} />);

describe("DashboardView's remaining work", () => {
  it("asks for votes where the export waits for them", () => {
    const out = html(false);
    expect(out).toContain("Pairs needing votes");
    expect(out).not.toContain("optional review");
  });

  it("calls votes an optional review in an implicit project, whose pairs are exported without them", () => {
    const out = html(true);
    expect(out).toContain("Pairs not reviewed");
    expect(out).toContain("Votes for a full review");
    expect(out).toContain("Votes are an optional");
    expect(out).not.toContain("Pairs needing votes");
  });
});
